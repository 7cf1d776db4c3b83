package io.cnsh.wire;

import java.util.Locale;

/** The wire formats of the ContactNow API; the {@code format} argument names one. */
public enum Format {
    JSON, XML, CSV;

    /** The value of the {@code format} argument, e.g. {@code json}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named by a {@code format} argument, case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Format parse(String name) {
        if (name != null) {
            for (Format f : values()) {
                if (f.wireName().equalsIgnoreCase(name.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected json, xml or csv)");
    }
}
