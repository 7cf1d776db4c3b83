package io.cnsh.report;

import java.util.Objects;

/**
 * One bar of a chart: a label and a count.
 *
 * @param label what is counted, e.g. {@code admin}
 * @param value how many
 */
public record Bar(String label, long value) {

    public Bar {
        Objects.requireNonNull(label, "label");
        if (value < 0) {
            throw new IllegalArgumentException("a bar cannot be negative, got " + value);
        }
    }
}
