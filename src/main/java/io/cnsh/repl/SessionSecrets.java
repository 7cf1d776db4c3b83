package io.cnsh.repl;

import io.cnsh.client.ContactNow;
import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.model.Agent;
import io.cnsh.model.SecretMasker;
import io.cnsh.model.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The secret values of one shell session, kept in memory only and never written anywhere: every
 * pin and password that a create or update of the session's clients carried, and the tokens those
 * clients hold. {@link #mask} hides them in a line of input (for the history, {@code /save} and
 * {@code /trace}) wherever one is a whole string or number literal, {@code '482913'} or
 * {@code 482913}, never inside another literal ({@code 5504829130} stays), in addition to the
 * name patterns of {@link SecretMasker}. Literals are found by the DSL's own scanner, so masking
 * and the DSL agree on what is a string.
 */
final class SessionSecrets {

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final AtomicInteger learned = new AtomicInteger();
    private final DslSourceRewriter scanner = new DslSourceRewriter();

    /** Learns the secret values of every record the client creates or updates from now on. */
    void watch(ContactNow client) {
        client.agents().observeRecords(this::learn);
    }

    /** Learns the token the client holds now, if any. */
    void learnToken(ContactNow client) {
        if (client != null) {
            client.tokens().current().ifPresent(grant -> add(grant.token()));
        }
    }

    /** Learns the pins and passwords of the records. */
    void learn(List<Agent> records) {
        for (Agent record : records) {
            if (record == null) {
                continue;
            }
            for (Map.Entry<String, String> field : record.fields().entrySet()) {
                if (Secrets.isSecretName(field.getKey())) {
                    add(field.getValue());
                }
            }
        }
    }

    /** How many values have been learned so far: a change means earlier lines may need masking again. */
    int learned() {
        return learned.get();
    }

    /** The text with secret values masked by name and by value, quotes kept: {@code '482913'} becomes {@code '****'}. */
    String mask(String text) {
        String byName = SecretMasker.mask(text);
        if (byName == null || values.isEmpty()) {
            return byName;
        }
        List<DslSourceRewriter.Literal> literals;
        try {
            literals = scanner.literals(byName);
        } catch (RuntimeException e) {
            // Text the scanner cannot read still must not show a secret: mask every occurrence.
            String all = byName;
            for (String value : values) {
                all = all.replace(value, Secrets.MASK);
            }
            return all;
        }
        StringBuilder out = new StringBuilder(byName.length());
        int copied = 0;
        for (DslSourceRewriter.Literal literal : literals) {
            if (literal.valueStart() < copied) {
                continue;
            }
            if (values.contains(byName.substring(literal.valueStart(), literal.valueEnd()))) {
                out.append(byName, copied, literal.valueStart()).append(Secrets.MASK);
                copied = literal.valueEnd();
            }
        }
        return copied == 0 ? byName : out.append(byName, copied, byName.length()).toString();
    }

    /** A blank value would mask every empty string; none is a usable pin or password anyway. */
    private void add(String value) {
        if (value != null && !value.isBlank() && values.add(value)) {
            learned.incrementAndGet();
        }
    }
}
