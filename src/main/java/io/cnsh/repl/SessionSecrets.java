package io.cnsh.repl;

import io.cnsh.client.ContactNow;
import io.cnsh.dsl.SecretMasker;
import io.cnsh.model.Agent;
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
 * secret names of {@link SecretMasker}. Both read the line with the DSL's own scanner, so masking
 * and the DSL agree on what is a string.
 */
final class SessionSecrets {

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final AtomicInteger learned = new AtomicInteger();

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
        return SecretMasker.mask(text, values);
    }

    /** A blank value would mask every empty string; none is a usable pin or password anyway. */
    private void add(String value) {
        if (value != null && !value.isBlank() && values.add(value)) {
            learned.incrementAndGet();
        }
    }
}
