package io.cnsh.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cnsh.model.Agent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON bodies: payloads are arrays of records (a bare object is read as one record). */
final class JacksonJsonCodec extends JacksonCodec {

    private final ObjectMapper mapper;

    JacksonJsonCodec(WireLimits limits) {
        super(limits);
        JsonFactory factory = JsonFactory.builder()
                // parser messages must never carry the body: it may hold passwords
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxDocumentLength(limits.maxBodyBytes())
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .addModule(new AgentJacksonModule(Format.JSON))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public Format format() {
        return Format.JSON;
    }

    @Override
    public String contentType() {
        return "application/json; charset=utf-8";
    }

    @Override
    Payload parsePayload(byte[] body) throws IOException {
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken t = p.nextToken();
            Payload payload;
            if (t == JsonToken.START_OBJECT) {
                payload = new Payload(List.of(mapper.readValue(p, Agent.class)), Payload.Shape.SINGLE);
            } else if (t == JsonToken.START_ARRAY) {
                List<Agent> records = new ArrayList<>();
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new WireFormatException(format(), "JSON payload record " + (records.size() + 1)
                                + " is not an object (found " + describe(t) + ")");
                    }
                    records.add(mapper.readValue(p, Agent.class));
                }
                payload = new Payload(records, Payload.Shape.LIST);
            } else {
                throw new WireFormatException(format(),
                        "JSON payload must be an array of agent records, found " + describe(t));
            }
            if (p.nextToken() != null) {
                throw new WireFormatException(format(), "JSON payload has content after its end");
            }
            return payload;
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    @Override
    byte[] serializePayload(List<Agent> records, Payload.Shape shape) throws IOException {
        return shape == Payload.Shape.SINGLE
                ? mapper.writeValueAsBytes(records.get(0))
                : mapper.writeValueAsBytes(records);
    }
}
