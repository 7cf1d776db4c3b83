package io.cnsh.wire;

/**
 * Bounds on what a codec reads.
 *
 * @param maxBodyBytes a larger body is refused before it is parsed
 */
public record WireLimits(int maxBodyBytes) {

    /** 16 MiB: about 40,000 full agent records in JSON. */
    public static final WireLimits DEFAULT = new WireLimits(16 * 1024 * 1024);

    public WireLimits {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
    }
}
