package io.cnsh.wire;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import io.cnsh.model.Agent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML bodies: {@code <result>} responses with {@code 1}/{@code 0} booleans and
 * {@code <list><agent>…</agent></list>}; {@code <dxi>} payloads, either one {@code <agent>} element
 * per record or one record's fields directly under {@code <dxi>}. An empty element ({@code <x/>} or
 * {@code <x></x>}) reads as {@code null}, and {@code null} and {@code ""} are both written as
 * {@code <x/>}: the 8x8 samples write JSON's null and empty values alike as {@code <x/>}.
 *
 * <p>Reading is strict about the document: the root must be {@code <result>} or {@code <dxi>}, no
 * DOCTYPE may appear, no entity other than the predefined five is accepted, and nothing may follow
 * the root element.
 */
final class JacksonXmlCodec extends JacksonCodec {

    static final String RESPONSE_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n";
    static final String PAYLOAD_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>\n";

    private final XMLInputFactory input;
    private final XmlMapper mapper;

    JacksonXmlCodec(WireLimits limits) {
        super(limits);
        input = new WstxInputFactory();
        // No DTD is read and no entity is resolved, so an entity reference other than the five
        // predefined ones is an error ("undeclared entity") instead of being dropped or fetched.
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        input.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 64);
        WstxOutputFactory output = new WstxOutputFactory();
        // A field name that is no XML name (from a JSON record, say) fails here instead of
        // producing a document nobody can read.
        output.setProperty(WstxOutputProperties.P_OUTPUT_VALIDATE_NAMES, true);
        XmlFactory factory = XmlFactory.builder()
                // parser messages must never carry the body: it may hold passwords
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .xmlInputFactory(input)
                .xmlOutputFactory(output)
                .build();
        this.mapper = XmlMapper.builder(factory)
                .addModule(new AgentJacksonModule(Format.XML))
                .enable(FromXmlParser.Feature.EMPTY_ELEMENT_AS_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public Format format() {
        return Format.XML;
    }

    @Override
    public String contentType() {
        return "text/xml; charset=utf-8";
    }

    /**
     * Answers replace what XML 1.0 cannot carry (see {@link AgentJacksonModule#REPLACE_ILLEGAL_XML}):
     * data stored before such text was refused must not make a read fail. Payloads are not
     * changed: writing one with such text fails, and the client refuses it before that.
     */
    @Override
    ObjectWriter envelopeWriter() {
        return mapper.writer().withAttribute(AgentJacksonModule.REPLACE_ILLEGAL_XML, Boolean.TRUE);
    }

    @Override
    public byte[] writeEnvelope(Envelope envelope) {
        return withDeclaration(RESPONSE_DECLARATION, super.writeEnvelope(envelope));
    }

    /**
     * Reads the prolog with the same StAX settings as the parser: a DOCTYPE anywhere before the
     * root element is refused (whatever the encoding, however long the comments before it), and
     * the root must be {@code <result>} for a response, {@code <dxi>} for a payload.
     */
    @Override
    void checkDocument(byte[] body, Body kind) {
        XMLStreamReader r = null;
        try {
            r = input.createXMLStreamReader(source(body));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new WireFormatException(format(),
                            "XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String root = r.getLocalName();
                    if (!root.equals(kind.xmlRoot)) {
                        throw new WireFormatException(format(), "XML " + kind.noun + " must have the root element <"
                                + kind.xmlRoot + ">, found <" + capped(root) + ">");
                    }
                    return;
                }
            }
            throw new WireFormatException(format(), "XML " + kind.noun + " has no root element");
        } catch (XMLStreamException | WstxLazyException e) {
            throw malformedXml(e);
        } finally {
            close(r);
        }
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing was read from it that a close failure could spoil
            }
        }
    }

    @Override
    Envelope parseEnvelope(byte[] body) throws IOException {
        try (JsonParser p = mapper.createParser(source(body))) {
            Envelope e = mapper.readValue(p, Envelope.class);
            requireEnd(p);
            return e;
        }
    }

    /**
     * Reads the rest of the document after the root element: Jackson stops at the root's end tag,
     * and a second root, a late DOCTYPE or plain garbage after it must not pass unseen.
     */
    private void requireEnd(JsonParser p) {
        XMLStreamReader r = ((FromXmlParser) p).getStaxReader();
        try {
            while (r.hasNext()) {
                r.next();
            }
        } catch (XMLStreamException | WstxLazyException e) {
            throw malformedXml(e);
        }
    }

    /** A StAX failure as one line; Woodstox also throws some of them unchecked. */
    private WireFormatException malformedXml(Exception e) {
        Location at = e instanceof XMLStreamException x ? x.getLocation() : null;
        return malformed(at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber(), e.getMessage());
    }

    @Override
    Payload parsePayload(byte[] body) throws IOException {
        try (JsonParser p = mapper.createParser(source(body))) {
            Payload payload = parsePayload(p);
            requireEnd(p);
            return payload;
        }
    }

    private Payload parsePayload(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING && p.getText().isBlank()) {
            return new Payload(List.of(), Payload.Shape.LIST);
        }
        if (t != JsonToken.START_OBJECT) {
            throw new WireFormatException(format(), "XML payload <dxi> holds text instead of fields");
        }
        List<Agent> records = new ArrayList<>();
        Map<String, String> flat = new LinkedHashMap<>();
        for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            if (name.isEmpty()) {
                // Jackson names the text beside child elements ""
                throw new WireFormatException(format(), "XML payload <dxi> holds text beside its fields");
            }
            if (name.equals("agent")) {
                Agent agent = mapper.readValue(p, Agent.class);
                records.add(agent == null ? Agent.empty() : agent);
            } else if (flat.containsKey(name)) {
                throw new WireFormatException(format(), "XML payload names the field " + shown(name) + " twice");
            } else {
                flat.put(name, AgentJacksonModule.scalarText(p, name, format()));
            }
        }
        if (!records.isEmpty() && !flat.isEmpty()) {
            throw new WireFormatException(format(), "XML payload mixes <agent> records with fields directly"
                    + " under <dxi> (" + capped(String.join(", ", flat.keySet())) + ")");
        }
        return flat.isEmpty()
                ? new Payload(records, Payload.Shape.LIST)
                : new Payload(List.of(Agent.of(flat)), Payload.Shape.SINGLE);
    }

    @Override
    byte[] serializePayload(List<Agent> records, Payload.Shape shape) throws IOException {
        byte[] xml = shape == Payload.Shape.SINGLE
                ? mapper.writer().withRootName("dxi").writeValueAsBytes(records.get(0))
                : mapper.writeValueAsBytes(new Dxi(records));
        return withDeclaration(PAYLOAD_DECLARATION, xml);
    }

    private static byte[] withDeclaration(String declaration, byte[] xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length + declaration.length());
        out.writeBytes(declaration.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(xml);
        return out.toByteArray();
    }

    /** The create payload: one {@code <agent>} element per record under {@code <dxi>}. */
    @JacksonXmlRootElement(localName = "dxi")
    record Dxi(
            @JacksonXmlElementWrapper(useWrapping = false)
            @JacksonXmlProperty(localName = "agent")
            List<Agent> agent) {
    }
}
