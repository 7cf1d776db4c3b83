package io.cnsh.sandbox;

import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireCodec;
import io.cnsh.wire.WireLimits;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the sandbox's answers are written: the wire codec of each format (bounded by the body
 * limit, and also the one that reads a payload in that format), the content type of an answer,
 * the envelope of a success or a failure with its HTTP status, and the HTML error pages a proxy
 * in front of the API would send.
 */
final class ApiReplies {

    static final String TEXT_HTML = "text/html; charset=utf-8";
    static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final Settings settings;
    private final Map<Format, WireCodec> codecs = new EnumMap<>(Format.class);

    ApiReplies(Settings settings) {
        this.settings = settings;
        WireLimits limits = new WireLimits(settings.maxBodyBytes());
        for (Format f : Format.values()) {
            codecs.put(f, WireCodec.of(f, limits));
        }
    }

    /** The codec of a format. */
    WireCodec codec(Format format) {
        return codecs.get(format);
    }

    /** The codec of the call's answer: its format, or JSON before the format is known. */
    WireCodec codec(ApiCall call) {
        return codecs.get(call.format == null ? Format.JSON : call.format);
    }

    /** The content type of the call's answer, or HTML when the sandbox is set to answer as some servers do. */
    String contentType(ApiCall call) {
        return settings.htmlContentType() ? TEXT_HTML : codec(call).contentType();
    }

    /** The envelope in the call's format: 200 on success, the configured error status otherwise. */
    ApiReply envelope(ApiCall call, Envelope envelope) {
        return new ApiReply(envelope.isSuccess() ? 200 : settings.errorStatus(), contentType(call),
                codec(call).writeEnvelope(envelope), envelope.isSuccess() ? "ok" : "error: " + envelope.error());
    }

    /** The failure envelope of an {@link ApiFailure}. */
    ApiReply failure(ApiCall call, ApiFailure f) {
        Envelope e = f.expire() == null ? Envelope.failure(f.error()) : Envelope.failure(f.error(), f.expire());
        return envelope(call, e);
    }

    /** A plain text answer. */
    static ApiReply text(int status, String text, String outcome) {
        return new ApiReply(status, TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8), outcome);
    }

    /** The HTML page of an HTTP error, as a web server or proxy would send it. */
    static byte[] errorPage(int status) {
        String reason = switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
        return ("<html><head><title>" + status + " " + reason + "</title></head><body><h1>" + status + " "
                + reason + "</h1></body></html>\n").getBytes(StandardCharsets.UTF_8);
    }
}
