package io.cnsh.dsl;

import groovy.lang.MissingMethodException;
import java.util.Collection;

/**
 * A call of a verb the resource does not have, such as {@code agents < craete name: 'Joe' >}.
 *
 * <p>It is a {@link MissingMethodException} rather than a {@link DslException} on purpose: inside an
 * {@code agents < … >} block Groovy asks the resource first and, on this exception, goes on to the
 * script, so the script's own methods, {@code exit} and {@code parseArgs} still work there. Only when
 * the script has no such method either does this exception reach the user, with its hint.
 */
public final class UnknownVerbException extends MissingMethodException {

    private final String text;

    UnknownVerbException(String resource, String verb, Class<?> type, Object[] args, Collection<String> verbs) {
        super(verb, type, args);
        this.text = Names.closest(verb, verbs)
                .map(v -> "unknown verb '" + verb + "' — did you mean '" + v + "'?")
                .orElse("unknown verb '" + verb + "' (" + resource + " understands " + String.join(", ", verbs) + ")");
    }

    @Override
    public String getMessage() {
        return text;
    }
}
