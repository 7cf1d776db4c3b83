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
import io.cnsh.wire.WireFormatException;
import io.cnsh.wire.WireLimits;
import io.cnsh.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

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
        if (response.body() == null) {
            return codec.readEnvelope(new byte[0]);
        }
        try (InputStream in = response.body().asInputStream()) {
            return codec.readEnvelope(in.readAllBytes());
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
