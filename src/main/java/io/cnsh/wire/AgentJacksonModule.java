package io.cnsh.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cnsh.model.Agent;
import io.cnsh.model.Secrets;
import io.cnsh.model.XmlText;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jackson bindings for {@link Agent} (fields in order, {@code null} written as null or
 * {@code <x/>}) and for the API's booleans ({@code true}/{@code false} in JSON, {@code 1}/{@code 0}
 * in XML, both read everywhere).
 *
 * <p>In XML an empty element reads as {@code null} whether it is written {@code <x/>} or
 * {@code <x></x>}: the two are the same element, so they must read the same.
 */
final class AgentJacksonModule extends SimpleModule {

    AgentJacksonModule(Format format) {
        super("cnsh-wire-" + format.wireName());
        boolean xml = format == Format.XML;
        addSerializer(Agent.class, new AgentSerializer());
        addDeserializer(Agent.class, new AgentDeserializer(format));
        addDeserializer(Boolean.class, new LenientBooleanDeserializer());
        if (xml) {
            addSerializer(Boolean.class, new NumericBooleanSerializer());
            addSerializer(String.class, new XmlTextSerializer());
            addDeserializer(String.class, new EmptyAsNullStringDeserializer());
        }
    }

    /**
     * The serializer attribute under which {@code Boolean.TRUE} has text that XML 1.0 cannot carry
     * replaced by U+FFFD. XML cannot carry some characters JSON can (U+0000, an unpaired
     * surrogate): an agent stored with one must not make every XML answer fail.
     */
    static final String REPLACE_ILLEGAL_XML = "cnsh.replaceIllegalXml";

    static String text(SerializerProvider provider, String value) {
        return Boolean.TRUE.equals(provider.getAttribute(REPLACE_ILLEGAL_XML)) ? XmlText.replaceIllegal(value) : value;
    }

    static final class AgentSerializer extends JsonSerializer<Agent> {
        @Override
        public void serialize(Agent agent, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (Map.Entry<String, String> e : agent.fields().entrySet()) {
                gen.writeFieldName(e.getKey());
                if (e.getValue() == null) {
                    gen.writeNull();
                } else {
                    gen.writeString(text(provider, e.getValue()));
                }
            }
            gen.writeEndObject();
        }
    }

    static final class AgentDeserializer extends JsonDeserializer<Agent> {
        private final Format format;

        AgentDeserializer(Format format) {
            this.format = format;
        }

        @Override
        public Agent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return readAgent(p, ctxt, format);
        }

        /** JSON {@code null} where a record belongs is refused; in XML it is an empty {@code <agent/>}. */
        @Override
        public Agent getNullValue(DeserializationContext ctxt) {
            if (format == Format.XML) {
                return Agent.empty();
            }
            throw new WireFormatException(format, "an agent record is null, expected an object");
        }
    }

    /**
     * Reads one record whose START_OBJECT is the current token (or an empty XML element).
     *
     * @throws WireFormatException when the record names a field twice: one of the two values would
     *     be lost without a trace
     */
    static Agent readAgent(JsonParser p, DeserializationContext ctxt, Format format) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL && format == Format.XML
                || t == JsonToken.VALUE_STRING && format == Format.XML && p.getText().isBlank()) {
            return Agent.empty();
        }
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        }
        if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            if (format == Format.XML && t == JsonToken.VALUE_STRING) {
                throw new WireFormatException(format, "an <agent> element holds text instead of fields");
            }
            return (Agent) ctxt.handleUnexpectedToken(Agent.class, p);
        }
        Map<String, String> fields = new LinkedHashMap<>(32);
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            if (format == Format.XML && name.isEmpty()) {
                // Jackson names the text beside child elements ""
                throw new WireFormatException(format, "an <agent> element holds text beside its fields");
            }
            p.nextToken();
            String value = shared(ctxt, name, scalarText(p, name, format));
            if (fields.containsKey(name)) {
                throw new WireFormatException(format, "an agent record names the field "
                        + JacksonCodec.shown(name) + " twice");
            }
            fields.put(name, value);
        }
        return Agent.of(fields);
    }

    /** The key of the values one read has seen, kept as a per-call attribute of its context. */
    private static final Object SEEN_VALUES = new Object();
    private static final int MAX_SHARED_LENGTH = 24;
    private static final int MAX_SHARED_VALUES = 4096;

    /**
     * The value, or an equal one already read by this call. Most fields of a list of agents hold a
     * few values over and over ({@code 0}, {@code wrap}, {@code agent}, a campaign id); one string
     * each instead of one per record keeps a large read small. Pins and passwords are never
     * shared, and nothing outlives the call.
     */
    static String shared(DeserializationContext ctxt, String name, String value) {
        if (value == null || value.length() > MAX_SHARED_LENGTH || ctxt == null || Secrets.isSecretName(name)) {
            return value;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> seen = (Map<String, String>) ctxt.getAttribute(SEEN_VALUES);
        if (seen == null) {
            seen = new HashMap<>();
            ctxt.setAttribute(SEEN_VALUES, seen);
        }
        String known = seen.get(value);
        if (known != null) {
            return known;
        }
        if (seen.size() < MAX_SHARED_VALUES) {
            seen.put(value, value);
        }
        return value;
    }

    /**
     * The current value of field {@code name} as text: strings as is, numbers and booleans as
     * written, JSON structures as JSON text; in XML an empty element is {@code null}, and a field
     * holding elements or attributes is refused (no documented field does).
     */
    static String scalarText(JsonParser p, String name, Format format) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            if (format == Format.XML) {
                throw new WireFormatException(format, "XML field " + JacksonCodec.shown(name)
                        + " holds elements or attributes instead of text");
            }
            return p.readValueAsTree().toString();
        }
        String text = p.getText();
        return format == Format.XML && text.isEmpty() ? null : text;
    }

    /** XML text of envelope keys: {@code <error></error>} reads as {@code null}, like {@code <error/>}. */
    static final class EmptyAsNullStringDeserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            return s == null || s.isEmpty() ? null : s;
        }
    }

    static final class LenientBooleanDeserializer extends JsonDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return false;
            }
            String text = p.getText() == null ? "" : p.getText().trim();
            return switch (text) {
                case "1", "true", "TRUE", "True" -> true;
                case "0", "false", "FALSE", "False" -> false;
                default -> (Boolean) ctxt.handleWeirdStringValue(Boolean.class, text, "expected 1, 0, true or false");
            };
        }
    }

    static final class NumericBooleanSerializer extends JsonSerializer<Boolean> {
        @Override
        public void serialize(Boolean value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value ? 1 : 0);
        }
    }

    /** Other text of XML answers (an error message), replaced as {@link #REPLACE_ILLEGAL_XML} says. */
    static final class XmlTextSerializer extends JsonSerializer<String> {
        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(text(provider, value));
        }
    }
}
