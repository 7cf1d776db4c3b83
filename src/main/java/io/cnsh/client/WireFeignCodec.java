package io.cnsh.client;

import feign.InvocationContext;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import feign.ResponseInterceptor;
import feign.Util;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import io.cnsh.model.ApiError;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.WireCodec;
import io.cnsh.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Feign's encoder, decoder, error decoder and response interceptor over a {@link WireCodec}: bodies
 * are bytes, answers envelopes. An answer with {@code success:false} is the API's answer whatever
 * the HTTP status carrying it (the API's sources leave the status open), and becomes a
 * {@link CallFailure} holding its typed exception; an expired or unknown token is one the
 * {@link CallRetryer} renews. A status without an API answer, or an answer that cannot be read, is a
 * failure on the way. Only {@code token.php?action=validate} answers as it is, valid or not.
 */
final class WireFeignCodec implements Encoder, Decoder, ErrorDecoder, ResponseInterceptor {

    private final WireCodec codec;
    private final TokenManager tokens;
    private final Redactor redactor;

    WireFeignCodec(WireCodec codec, TokenManager tokens, Redactor redactor) {
        this.codec = codec;
        this.tokens = tokens;
        this.redactor = redactor;
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
    public Object decode(Response response, Type type) throws IOException {
        Request request = response.request();
        Operation op = Operation.of(request.requestTemplate());
        byte[] body = body(response);
        Envelope answer;
        try {
            answer = codec.readEnvelope(body);
        } catch (WireFormatException e) {
            if (inFormat(body)) {
                // Broken (cut short, or holding what the format cannot): the same request would get it again.
                throw CallFailure.onTheWay(op, false, true, response.status(), "the answer to %o could not be parsed as "
                        + codec.format().wireName().toUpperCase(Locale.ROOT) + ": " + e.getMessage(), request);
            }
            // Not the API speaking (a proxy's page, say): may be passing trouble.
            throw CallFailure.onTheWay(op, true, true, response.status(),
                    "the answer could not be read: " + e.getMessage(), request);
        }
        if (answer.isSuccess() || op.answersAsItIs()) {
            return answer;
        }
        throw refusal(op, answer.toApiError(), request);
    }

    /** An error status whose body is an API answer is decoded as that answer. */
    @Override
    public Object intercept(InvocationContext context, Chain chain) throws Exception {
        Response response = context.response();
        if (response.status() / 100 != 2 && isRefusal(body(response))) {
            return context.decoder().decode(response, context.returnType());
        }
        return chain.next(context);
    }

    /** An error status without an API answer. */
    @Override
    public Exception decode(String methodKey, Response response) {
        return CallFailure.httpStatus(Operation.of(response.request().requestTemplate()), response.status(),
                response.request());
    }

    private CallFailure refusal(Operation op, ApiError error, Request request) {
        ApiException typed = Errors.fromApi(op, error, redactor, tokens.address());
        if (op.onDatabase()) {
            String token = AccountParameters.tokenOf(request.requestTemplate());
            if (error.tokenNeedsRenewal()) {
                return CallFailure.tokenRefused(op, token, typed, request);
            }
            if (typed instanceof TokenRejectedException) {
                tokens.refused(token);
            }
        }
        return CallFailure.ending(op, typed, request);
    }

    private boolean isRefusal(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try {
            return !codec.readEnvelope(body).isSuccess();
        } catch (WireFormatException e) {
            return false;
        }
    }

    /** The body; the client reads every answer whole before Feign sees it, so this can be asked again. */
    private static byte[] body(Response response) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readAllBytes();
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
}
