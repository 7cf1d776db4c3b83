package io.cnsh.wire;

import java.util.EnumMap;
import java.util.Map;

/** Holds the default codecs so that each mapper is built once per process. */
final class Codecs {

    private static final Map<Format, WireCodec> DEFAULTS = new EnumMap<>(Format.class);

    private Codecs() {
    }

    static synchronized WireCodec of(Format format, WireLimits limits) {
        if (limits.equals(WireLimits.DEFAULT)) {
            return DEFAULTS.computeIfAbsent(format, f -> create(f, limits));
        }
        return create(format, limits);
    }

    private static WireCodec create(Format format, WireLimits limits) {
        return switch (format) {
            case JSON -> new JacksonJsonCodec(limits);
            case XML -> new JacksonXmlCodec(limits);
            case CSV -> new JacksonCsvCodec(limits);
        };
    }
}
