package io.cnsh.client;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.template.UriUtils;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feign's request interceptor for one account: every request names the wire {@code format}, every
 * call but the token request carries the current token, {@code database.php} calls carry the
 * configured {@code campaign}, and writes the codec's content type. Feign applies it before each
 * attempt, so a repeated call carries the token renewed meanwhile. It also keeps the client's rate
 * limit, right before each request leaves.
 *
 * <p>Parameters are sent in the order the API's documentation writes them (token first on
 * {@code database.php}, format after the action).
 */
final class AccountParameters implements RequestInterceptor {

    private static final List<String> DATABASE_ORDER = List.of("token", "method", "action", "format", "raw", "campaign");
    private static final List<String> TOKEN_ORDER = List.of("action", "username", "password", "token", "format", "address");

    private final String format;
    private final String campaign;
    private final String contentType;
    private final TokenManager tokens;
    private final RateLimiter limiter;

    AccountParameters(String format, String campaign, String contentType, TokenManager tokens, RateLimiter limiter) {
        this.format = format;
        this.campaign = campaign;
        this.contentType = contentType;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    @Override
    public void apply(RequestTemplate template) {
        Operation op = Operation.of(template);
        Map<String, Collection<String>> query = new LinkedHashMap<>(template.queries());
        if (op.sendsToken()) {
            query.put("token", encoded(tokens.token()));
        }
        query.put("format", encoded(format));
        if (op.onDatabase() && campaign != null) {
            query.put("campaign", encoded(campaign));
        }
        if (op.writes()) {
            template.removeHeader("Content-Type");
            template.header("Content-Type", contentType);
        }
        template.queries(null);
        for (String name : op.onDatabase() ? DATABASE_ORDER : TOKEN_ORDER) {
            Collection<String> values = query.remove(name);
            if (values != null) {
                template.query(name, values);
            }
        }
        query.forEach(template::query);
        limiter.acquire();
    }

    /** The value pct-encoded, so that Feign takes it as it is (never as a template expression). */
    private static List<String> encoded(String value) {
        return List.of(UriUtils.encode(value, StandardCharsets.UTF_8));
    }

    /** The token a request carried, as the interceptor put it there; {@code null} when none. */
    static String tokenOf(RequestTemplate template) {
        Collection<String> values = template.queries().get("token");
        return values == null || values.isEmpty() ? null
                : UriUtils.decode(values.iterator().next(), StandardCharsets.UTF_8);
    }
}
