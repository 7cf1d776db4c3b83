package io.cnsh.client;

import io.cnsh.wire.Format;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A named target from {@code $CNSH_HOME/config}: where the API is, who logs in, and how to talk.
 *
 * @param name       the profile's name
 * @param baseUri    the API base URL (a region preset resolved)
 * @param username   the API username
 * @param format     the wire format
 * @param campaign   sent as {@code campaign=} when not null
 * @param batchSize  records per write request
 * @param rateLimit  requests per second, 0 for none
 * @param production true for a live account: the REPL warns and asks before large writes
 * @param address    internet addresses tokens are bound to (empty: the caller's own)
 */
public record Profile(String name, URI baseUri, String username, Format format, String campaign,
                      int batchSize, double rateLimit, boolean production, List<String> address) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(format, "format");
        address = List.copyOf(address);
    }

    /** A client builder for this profile, without the password. */
    public ContactNow.Builder clientBuilder() {
        ContactNow.Builder b = ContactNow.builder().baseUrl(baseUri).format(format).campaign(campaign)
                .batchSize(batchSize).rateLimit(rateLimit);
        if (!address.isEmpty()) {
            b.address(address);
        }
        return b;
    }
}
