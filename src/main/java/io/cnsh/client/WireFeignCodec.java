package io.cnsh.client;

import feign.FeignException;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import io.cnsh.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/** Feign's encoder and decoder over a {@link WireCodec}: bodies are bytes, answers envelopes. */
final class WireFeignCodec implements Encoder, Decoder {

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

}
