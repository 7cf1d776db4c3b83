package io.cnsh.client;

import io.cnsh.model.Secrets;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for logs and messages: the values of {@code password}, {@code token}
 * and {@code pin} in query strings, form bodies, JSON and XML, and every literal secret it has been
 * told about (the API password, the current token), wherever it appears.
 */
public final class Redactor {

    private static final Pattern QUERY = Pattern.compile("(?i)([?&;]|^)(password|token|pin)=([^&#\\s]*)");
    private static final Pattern JSON = Pattern.compile(
            "(?i)(\"(?:password|token|pin)\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*)");
    private static final Pattern XML = Pattern.compile("(?is)<(password|token|pin)>(.*?)</\\1>");

    private final Set<String> literals = new CopyOnWriteArraySet<>();

    /** Remembers a secret so that it is masked wherever it appears; blank values are ignored. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            literals.add(secret);
        }
    }

    /** Forgets a secret that is no longer in use (an old token). */
    public void forget(String secret) {
        if (secret != null) {
            literals.remove(secret);
        }
    }

    /** The text with every secret masked; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = QUERY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + Secrets.MASK));
        s = JSON.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + Secrets.MASK + "\""));
        s = XML.matcher(s).replaceAll(m -> "<" + m.group(1) + ">" + Secrets.MASK + "</" + m.group(1) + ">");
        for (String secret : literals) {
            s = s.replace(secret, Secrets.MASK);
            String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                s = s.replace(encoded, Secrets.MASK);
            }
        }
        return s;
    }
}
