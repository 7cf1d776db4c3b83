package io.cnsh.sandbox;

import java.util.List;

/**
 * The result of a create, update or delete: records written, records refused and why.
 *
 * @param total  records written
 * @param bad    records refused
 * @param key    the id of the last agent created, {@code 0} for other actions or when none was created
 * @param errors one line per refused record, in payload order
 */
record WriteOutcome(long total, long bad, long key, List<String> errors) {

    WriteOutcome {
        errors = List.copyOf(errors);
    }

    /** The {@code error} text of the answer: the first few problems, or {@code null} when there are none. */
    String error() {
        if (errors.isEmpty()) {
            return null;
        }
        int shown = Math.min(errors.size(), 5);
        String text = String.join(" ", errors.subList(0, shown));
        return shown < errors.size() ? text + " (and " + (errors.size() - shown) + " more)" : text;
    }
}
