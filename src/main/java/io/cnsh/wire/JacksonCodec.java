package io.cnsh.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnsh.model.Agent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** What the Jackson codecs share: the size check, error wording and envelope writing. */
abstract class JacksonCodec implements WireCodec {

    private final WireLimits limits;

    JacksonCodec(WireLimits limits) {
        this.limits = limits;
    }

    abstract ObjectMapper mapper();

    @Override
    public byte[] writeEnvelope(Envelope envelope) {
        try {
            return mapper().writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Envelope readEnvelope(byte[] body) {
        checkBody(body);
        try {
            Envelope e = mapper().readerFor(Envelope.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
            if (e == null) {
                throw new WireFormatException(format(), "empty " + format() + " response");
            }
            return e;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    @Override
    public Payload readPayload(byte[] body) {
        checkBody(body);
        try {
            return parsePayload(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    abstract Payload parsePayload(byte[] body) throws IOException;

    @Override
    public byte[] writePayload(List<Agent> records, Payload.Shape shape) {
        if (shape == Payload.Shape.SINGLE && records.size() != 1) {
            throw new IllegalArgumentException("a SINGLE payload holds one record, got " + records.size());
        }
        try {
            return serializePayload(records, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract byte[] serializePayload(List<Agent> records, Payload.Shape shape) throws IOException;

    void checkBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw new WireFormatException(format(), "empty " + format() + " body");
        }
        if (body.length > limits.maxBodyBytes()) {
            throw new WireFormatException(format(), format() + " body of " + body.length
                    + " bytes is over the limit of " + limits.maxBodyBytes() + " bytes");
        }
    }

    WireFormatException malformed(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation at = jpe.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new WireFormatException(format(),
                    "malformed " + format() + where + ": " + oneLine(jpe.getOriginalMessage()), null);
        }
        return new WireFormatException(format(), "unreadable " + format() + ": " + oneLine(e.getMessage()), null);
    }

    /**
     * A parser message on one line without quoted input: Jackson quotes the text it choked on,
     * and that text may be a password.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String s = message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        s = s.replaceAll("\\s+", " ").trim();
        int cut = s.indexOf(" at [Source");
        if (cut > 0) {
            s = s.substring(0, cut);
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
