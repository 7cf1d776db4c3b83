package io.cnsh.client;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The ContactNow API hosts, by region. */
public enum Region {
    /** EU and the rest of the world (logins at app.easycontactnow.com). */
    EU("https://api-106.dxi.eu/"),
    /** United States (logins at app.contactnow.8x8.com). */
    US("https://api.contactnow.8x8.com/api/");

    private final URI baseUri;

    Region(String baseUri) {
        this.baseUri = URI.create(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The region named {@code eu} or {@code us}, case-insensitive. */
    public static Optional<Region> byName(String name) {
        for (Region r : values()) {
            if (r.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** A region name or a URL, as a base URI. */
    public static URI resolve(String regionOrUrl) {
        return byName(regionOrUrl).map(Region::baseUri).orElseGet(() -> URI.create(regionOrUrl.trim()));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
