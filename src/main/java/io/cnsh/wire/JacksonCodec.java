package io.cnsh.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cnsh.model.Agent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

/** What the Jackson codecs share: the size check, error wording and envelope writing. */
abstract class JacksonCodec implements WireCodec {

    /** What a body is read as; the XML codec checks the root element against it. */
    enum Body {
        RESPONSE("response", "result"),
        PAYLOAD("payload", "dxi");

        final String noun;
        final String xmlRoot;

        Body(String noun, String xmlRoot) {
            this.noun = noun;
            this.xmlRoot = xmlRoot;
        }
    }

    private final WireLimits limits;

    JacksonCodec(WireLimits limits) {
        this.limits = limits;
    }

    abstract ObjectMapper mapper();

    /** How answers are written; a format may set attributes its serializers read. */
    ObjectWriter envelopeWriter() {
        return mapper().writer();
    }

    @Override
    public byte[] writeEnvelope(Envelope envelope) {
        try {
            return envelopeWriter().writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    @Override
    public Envelope readEnvelope(byte[] body) {
        checkBody(body);
        checkDocument(body, Body.RESPONSE);
        Envelope e;
        try {
            e = parseEnvelope(body);
        } catch (IOException ex) {
            throw malformed(ex);
        }
        if (e == null) {
            throw new WireFormatException(format(), "empty " + format() + " response");
        }
        if (e.success() == null) {
            throw new WireFormatException(format(), format() + " response has no success flag");
        }
        return e;
    }

    /** Binds a whole body to an envelope; content after the document is an error. */
    Envelope parseEnvelope(byte[] body) throws IOException {
        return mapper().readerFor(Envelope.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(source(body));
    }

    @Override
    public Payload readPayload(byte[] body) {
        checkBody(body);
        checkDocument(body, Body.PAYLOAD);
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
            throw unwritable(e);
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

    /**
     * The body as a stream: the XML and CSV parsers quote a byte array source in their exception
     * messages whatever {@code INCLUDE_SOURCE_IN_LOCATION} says, and a stream they cannot quote.
     */
    static InputStream source(byte[] body) {
        return new ByteArrayInputStream(body);
    }

    /** A check of the document as a whole before it is bound; the XML codec reads its prolog here. */
    void checkDocument(byte[] body, Body kind) {
    }

    /**
     * The one-line failure for a body the parser or binder rejected. A {@link WireFormatException}
     * raised by our own deserializers is passed on as it is; Jackson wraps it on the way out.
     */
    WireFormatException malformed(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WireFormatException wfe) {
                return wfe;
            }
        }
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation at = jpe.getLocation();
            return malformed(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                    jpe.getOriginalMessage());
        }
        return new WireFormatException(format(), "unreadable " + format() + ": " + oneLine(e.getMessage()), null);
    }

    WireFormatException malformed(int line, int column, String parserMessage) {
        String where = line < 0 ? "" : " at line " + line + ", column " + column;
        return new WireFormatException(format(), "malformed " + format() + where + ": " + oneLine(parserMessage), null);
    }

    private WireFormatException unwritable(IOException e) {
        return new WireFormatException(format(), "cannot write " + format() + ": "
                + oneLine(e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()), null);
    }

    // A character the parser choked on, as Jackson and Woodstox describe it: 'x' (code 120),
    // 'x' (code 300 / 0x12c), (CTRL-CHAR, code 1). The character may be part of a secret.
    private static final Pattern CHAR_DESCRIPTION =
            Pattern.compile("'.{1,8}?' \\(code \\d+(?: / 0x\\p{XDigit}+)?\\)|\\(CTRL-CHAR, code \\d+\\)");
    private static final Pattern CHAR_CODE = Pattern.compile("\\((?:code|unicode) \\d+[^)]*\\)|\\(0x\\p{XDigit}+\\)");
    // Jackson echoes an out-of-range number: "Numeric value (123…) out of range of long".
    private static final Pattern ECHOED_NUMBER = Pattern.compile("(?i)(numeric value) \\([^)]*\\)");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    /**
     * A parser message on one line without any of the input: Jackson and Woodstox quote the text or
     * the character they choked on, and that text may be a password. Quoted text becomes
     * {@code '…'}, character descriptions become {@code a character}, and anything after a quote
     * left open is dropped.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String s = message;
        for (String locationMark : new String[] {"\n at [", " at [Source", " at [row,col"}) {
            int cut = s.indexOf(locationMark);
            if (cut >= 0) {
                s = s.substring(0, cut);
            }
        }
        s = s.replace("token 'null', 'true' or 'false'", "token null, true or false");
        s = CHAR_DESCRIPTION.matcher(s).replaceAll("a character");
        s = CHAR_CODE.matcher(s).replaceAll("");
        s = ECHOED_NUMBER.matcher(s).replaceAll("$1");
        s = QUOTED.matcher(s).replaceAll(m -> m.group().charAt(0) == '\'' ? "'…'" : "\"…\"");
        int open = firstOf(s, '\'', '"');
        if (open >= 0) {
            s = s.substring(0, open) + "…";
        }
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static int firstOf(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // the placeholders left by QUOTED are closed pairs: skip over them
            if ((c == a || c == b) && i + 2 < s.length() && s.charAt(i + 1) == '…' && s.charAt(i + 2) == c) {
                i += 2;
            } else if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    /** A name from the input (a field or element name, never a value) shown in a one-line message. */
    static String shown(String name) {
        return "'" + capped(name) + "'";
    }

    /** Names from the input on one line and at most 64 characters long. */
    static String capped(String names) {
        String s = names.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
