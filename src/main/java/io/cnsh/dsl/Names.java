package io.cnsh.dsl;

import io.cnsh.model.NameHints;
import java.util.Collection;
import java.util.Optional;

/** The DSL's wording of "did you mean" hints, over {@link NameHints}. */
final class Names {

    private Names() {
    }

    /** The candidate nearest to {@code typed}, if one is close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        return NameHints.closest(typed, candidates);
    }

    /** "unknown X 'typed' — did you mean 'y'?" or with the list of known names. */
    static String unknown(String what, String typed, Collection<String> candidates) {
        return NameHints.unknown(what, typed, candidates);
    }
}
