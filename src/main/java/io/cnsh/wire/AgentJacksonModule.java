package io.cnsh.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cnsh.model.Agent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jackson bindings for {@link Agent} (fields in order, {@code null} written as null or
 * {@code <x/>}) and for the API's booleans ({@code true}/{@code false} in JSON, {@code 1}/{@code 0}
 * in XML, both read everywhere).
 */
final class AgentJacksonModule extends SimpleModule {

    AgentJacksonModule(boolean numericBooleans) {
        super("cnsh-wire");
        addSerializer(Agent.class, new AgentSerializer());
        addDeserializer(Agent.class, new AgentDeserializer());
        addDeserializer(Boolean.class, new LenientBooleanDeserializer());
        if (numericBooleans) {
            addSerializer(Boolean.class, new NumericBooleanSerializer());
        }
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
                    gen.writeString(e.getValue());
                }
            }
            gen.writeEndObject();
        }
    }

    static final class AgentDeserializer extends JsonDeserializer<Agent> {
        @Override
        public Agent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return readAgent(p, ctxt);
        }

        @Override
        public Agent getNullValue(DeserializationContext ctxt) {
            return Agent.empty();
        }
    }

    /** Reads one record whose START_OBJECT is the current token (or an empty XML element). */
    static Agent readAgent(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getText().isBlank())) {
            return Agent.empty();
        }
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        }
        if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            return (Agent) ctxt.handleUnexpectedToken(Agent.class, p);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            fields.put(name, scalarText(p));
        }
        return Agent.of(fields);
    }

    /** The current value as text: strings as is, numbers and booleans as written, structures as JSON. */
    static String scalarText(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return p.readValueAsTree().toString();
        }
        return p.getText();
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
}
