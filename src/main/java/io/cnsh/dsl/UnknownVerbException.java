package io.cnsh.dsl;

import groovy.lang.MissingMethodException;
import java.util.Collection;

/**
 * A call of a verb the resource does not have, such as {@code agents < craete name: 'Joe' >}, or of
 * one it has with arguments it does not take, such as {@code agents.create('Joe')}.
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
        // a verb it has, called with arguments it does not take: name the argument types (never their values)
        this.text = verbs.contains(verb)
                ? resource + "." + verb + " takes " + (verb.equals("read") ? "field: value filters, or nothing" : "field: value pairs or a list of records")
                        + ", not (" + types(args) + ")"
                : Names.closest(verb, verbs)
                .map(v -> "unknown verb '" + verb + "' — did you mean '" + v + "'?")
                .orElse("unknown verb '" + verb + "' (" + resource + " understands " + String.join(", ", verbs) + ")");
    }

    private static String types(Object[] args) {
        return args == null || args.length == 0 ? "no arguments" : java.util.Arrays.stream(args)
                .map(a -> a == null ? "null" : a.getClass().getSimpleName())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public String getMessage() {
        return text;
    }
}
