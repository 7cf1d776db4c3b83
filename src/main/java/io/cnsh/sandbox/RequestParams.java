package io.cnsh.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one request, merged the way PHP's {@code $_REQUEST} merges them: the query
 * string first, then the form fields of a url-encoded or multipart body, a later value of the
 * same name replacing an earlier one. Also holds what can carry a write payload: the raw body and
 * the multipart {@code easycall} part.
 */
final class RequestParams {

    /** The multipart part that carries the payload when {@code raw=1} is not given. */
    static final String FILE_PART = "easycall";

    private static final Set<String> WRITE_ACTIONS = Set.of("create", "update", "delete");

    private final Map<String, String> values;
    private final byte[] body;
    private final Multipart.Part easycall;
    private final boolean multipart;

    private RequestParams(Map<String, String> values, byte[] body, Multipart.Part easycall, boolean multipart) {
        this.values = Collections.unmodifiableMap(values);
        this.body = body;
        this.easycall = easycall;
        this.multipart = multipart;
    }

    /**
     * Merges the query and the body's form fields.
     *
     * <p>A url-encoded body is read as form fields except on a write with {@code raw=1} in the
     * query: clients post the JSON or XML payload with that content type (curl's default), and
     * reading it as fields could let text inside the payload pose as an argument.
     */
    static RequestParams of(String rawQuery, String contentType, byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        decodeInto(rawQuery, values);
        Multipart.Part easycall = null;
        boolean multipart = false;
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String boundary = Multipart.boundary(contentType);
        if (boundary != null) {
            multipart = true;
            List<Multipart.Part> parts = Multipart.parse(body, boundary);
            for (Multipart.Part p : parts) {
                if (p.filename() != null || p.name().equals(FILE_PART)) {
                    if (p.name().equals(FILE_PART)) {
                        easycall = p;
                    }
                } else {
                    values.put(p.name(), p.text());
                }
            }
        } else if (type.startsWith("multipart/")) {
            throw new ApiFailure("Bad payload: multipart body without a boundary");
        } else if (type.startsWith("application/x-www-form-urlencoded") && body.length > 0
                && !("1".equals(values.get("raw")) && WRITE_ACTIONS.contains(values.get("action")))) {
            decodeInto(new String(body, StandardCharsets.UTF_8), values);
        }
        return new RequestParams(values, body, easycall, multipart);
    }

    private static void decodeInto(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                into.put(name, value);
            }
        }
    }

    /** Percent-decoding that keeps a malformed escape as written instead of failing the request. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' ');
        }
    }

    /** The argument's value, or {@code null} when it was not sent. */
    String get(String name) {
        return values.get(name);
    }

    /** The argument's value, trimmed, or {@code null} when it was not sent or is blank. */
    String nonBlank(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The bytes of a create/update/delete payload: the body with {@code raw=1}, otherwise the
     * {@code easycall} part.
     *
     * @throws ApiFailure when neither is there
     */
    byte[] payload() {
        if (easycall != null) {
            return easycall.content();
        }
        if ("1".equals(nonBlank("raw")) && !multipart) {
            return body;
        }
        throw new ApiFailure("No file uploaded. Missing 'easycall' section?");
    }
}
