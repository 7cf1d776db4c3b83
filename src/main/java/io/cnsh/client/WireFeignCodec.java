package io.cnsh.client;

import feign.FeignException;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireFormatException;
import io.cnsh.wire.WireLimits;
import io.cnsh.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Feign's encoder, decoder and error decoder over a {@link WireCodec}: bodies are bytes, answers
 * envelopes, and an error status whose body is an API envelope is that envelope ({@link ApiAnswer}).
 */
final class WireFeignCodec implements Encoder, Decoder, ErrorDecoder {

    private final WireCodec codec;

    WireFeignCodec(WireCodec codec) {
        this.codec = codec;
    }

    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        if (object instanceof byte[] bytes) {
            template.body(bytes, Util.UTF_8);
        } else {
            throw new EncodeException("only byte[] bodies are sent, got " + bodyType);
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException, FeignException {
        byte[] body;
        if (response.body() == null) {
            body = new byte[0];
        } else {
            try (InputStream in = response.body().asInputStream()) {
                body = in.readAllBytes();
            }
        }
        try {
            return codec.readEnvelope(body);
        } catch (WireFormatException e) {
            if (inFormat(body)) {
                throw new UnparsedAnswer(codec.format(), e.getMessage());
            }
            throw e;
        }
    }

    /**
     * True when a body starts as an answer in the codec's format does: one that then fails to
     * parse is broken (cut short, or holding what the format cannot), and the same request would
     * get it again; anything else (a proxy's HTML page, say) may be passing trouble.
     */
    private boolean inFormat(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        String start = new String(body, i, Math.min(body.length - i, 16), StandardCharsets.ISO_8859_1);
        return switch (codec.format()) {
            case JSON -> start.startsWith("{") || start.startsWith("[");
            case XML -> start.startsWith("<?xml") || start.startsWith("<result");
            default -> false;
        };
    }

    /** An answer in the expected format that could not be parsed; never worth repeating the call for. */
    static final class UnparsedAnswer extends RuntimeException {
        private final Format format;

        UnparsedAnswer(Format format, String why) {
            super(why, null, false, false);
            this.format = format;
        }

        Format format() {
            return format;
        }
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        byte[] body = null;
        if (response.body() != null) {
            try (InputStream in = response.body().asInputStream()) {
                body = in.readNBytes(WireLimits.DEFAULT.maxBodyBytes() + 1);
            } catch (IOException e) {
                body = null;
            }
        }
        if (body != null && body.length > 0) {
            try {
                Envelope answer = codec.readEnvelope(body);
                if (!answer.isSuccess()) {
                    return new ApiAnswer(response.status(), answer);
                }
            } catch (WireFormatException e) {
                // Not the API speaking (a proxy's error page, say): a plain HTTP failure.
            }
        }
        return FeignException.errorStatus(methodKey, response.toBuilder().body(body).build());
    }
}
