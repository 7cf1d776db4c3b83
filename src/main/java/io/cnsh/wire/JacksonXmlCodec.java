package io.cnsh.wire;

import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import javax.xml.stream.XMLInputFactory;

/**
 * XML bodies: {@code <result>} responses with {@code 1}/{@code 0} booleans and
 * {@code <list><agent>…</agent></list>}; {@code <dxi>} payloads, either one {@code <agent>} element
 * per record or one record's fields directly under {@code <dxi>}. An empty element ({@code <x/>})
 * reads as {@code null} and {@code null} is written as {@code <x/>}: XML cannot tell an empty
 * value from a missing one, so both read as {@code null}.
 */
final class JacksonXmlCodec extends JacksonCodec {

    static final String RESPONSE_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n";
    static final String PAYLOAD_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>\n";

    private final XmlMapper mapper;

    JacksonXmlCodec(WireLimits limits) {
        super(limits);
        XMLInputFactory input = new WstxInputFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XmlFactory factory = XmlFactory.builder()
                .xmlInputFactory(input)
                .xmlOutputFactory(new WstxOutputFactory())
                .build();
        this.mapper = XmlMapper.builder(factory)
                .addModule(new AgentJacksonModule(true))
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

    @Override
    public byte[] writeEnvelope(Envelope envelope) {
        return withDeclaration(RESPONSE_DECLARATION, super.writeEnvelope(envelope));
    }

    @Override
    void checkBody(byte[] body) {
        super.checkBody(body);
        refuseDoctype(body);
    }

    @Override
    Payload parsePayload(byte[] body) throws IOException {
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING) {
                return new Payload(List.of(), Payload.Shape.LIST);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new WireFormatException(format(), "XML payload must be a <dxi> element");
            }
            List<Agent> records = new ArrayList<>();
            Map<String, String> flat = new LinkedHashMap<>();
            for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("agent") && (value == JsonToken.START_OBJECT || value == JsonToken.VALUE_NULL)) {
                    Agent agent = mapper.readValue(p, Agent.class);
                    records.add(agent == null ? Agent.empty() : agent);
                } else {
                    flat.put(name, AgentJacksonModule.scalarText(p));
                }
            }
            if (!records.isEmpty() && !flat.isEmpty()) {
                throw new WireFormatException(format(), "XML payload mixes <agent> records with fields directly"
                        + " under <dxi> (" + String.join(", ", flat.keySet()) + ")");
            }
            return flat.isEmpty()
                    ? new Payload(records, Payload.Shape.LIST)
                    : new Payload(List.of(Agent.of(flat)), Payload.Shape.SINGLE);
        }
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

    /**
     * Refuses a document whose prolog declares a DOCTYPE. The parser is also set never to read
     * DTDs or external entities; this check gives the clear message and stops entity expansion
     * before any parsing.
     */
    private void refuseDoctype(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 64 * 1024), StandardCharsets.UTF_8);
        int i = 0;
        if (head.startsWith("\uFEFF")) {
            i = 1;
        }
        while (i < head.length()) {
            char c = head.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (head.startsWith("<?", i)) {
                int end = head.indexOf("?>", i);
                if (end < 0) {
                    return;
                }
                i = end + 2;
            } else if (head.startsWith("<!--", i)) {
                int end = head.indexOf("-->", i);
                if (end < 0) {
                    return;
                }
                i = end + 3;
            } else {
                if (head.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                    throw new WireFormatException(format(),
                            "XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed");
                }
                return;
            }
        }
    }

    /** The create payload: one {@code <agent>} element per record under {@code <dxi>}. */
    @JacksonXmlRootElement(localName = "dxi")
    record Dxi(
            @JacksonXmlElementWrapper(useWrapping = false)
            @JacksonXmlProperty(localName = "agent")
            List<Agent> agent) {
    }
}
