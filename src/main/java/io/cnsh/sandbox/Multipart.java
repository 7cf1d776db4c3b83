package io.cnsh.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small reader of {@code multipart/form-data} bodies (RFC 7578), enough for form fields and the
 * {@code easycall} file part. The whole body is already in memory and bounded by the server's
 * body limit; this reader bounds the number of parts and the size of part headers.
 */
final class Multipart {

    static final int MAX_PARTS = 256;
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** One part: its form name, the file name when it is a file, and its bytes. */
    record Part(String name, String filename, byte[] content) {

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** The boundary named by a {@code multipart/form-data} content type, or {@code null}. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /**
     * The parts of a body.
     *
     * @throws ApiFailure when the body is not well-formed multipart
     */
    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw malformed("no part boundary found");
        }
        List<Part> parts = new ArrayList<>();
        pos += delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return parts;
            }
            pos = skipLineEnd(body, pos);
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) {
                throw malformed("part headers missing or too long");
            }
            String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headerEnd + 4;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw malformed("last part is not closed");
            }
            if (parts.size() == MAX_PARTS) {
                throw malformed("more than " + MAX_PARTS + " parts");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
            pos = contentEnd + nextDelimiter.length;
        }
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String filename = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                name = dispositionParam(line.substring(colon + 1), "name");
                filename = dispositionParam(line.substring(colon + 1), "filename");
            }
        }
        if (name == null) {
            throw malformed("a part has no name");
        }
        return new Part(name, filename, content);
    }

    private static String dispositionParam(String disposition, String param) {
        int i = 0;
        while (i < disposition.length()) {
            int semi = disposition.indexOf(';', i);
            if (semi < 0) {
                return null;
            }
            int start = semi + 1;
            while (start < disposition.length() && disposition.charAt(start) == ' ') {
                start++;
            }
            int eq = disposition.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = disposition.substring(start, eq).trim();
            int valueStart = eq + 1;
            String value;
            int next;
            if (valueStart < disposition.length() && disposition.charAt(valueStart) == '"') {
                int close = disposition.indexOf('"', valueStart + 1);
                if (close < 0) {
                    return null;
                }
                value = disposition.substring(valueStart + 1, close);
                next = close + 1;
            } else {
                int end = disposition.indexOf(';', valueStart);
                next = end < 0 ? disposition.length() : end;
                value = disposition.substring(valueStart, next).trim();
            }
            if (key.equalsIgnoreCase(param)) {
                return value;
            }
            i = next;
        }
        return null;
    }

    private static ApiFailure malformed(String why) {
        return new ApiFailure("Bad payload: malformed multipart body (" + why + ")");
    }

    private static int skipLineEnd(byte[] body, int pos) {
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
        }
        if (startsWith(body, pos, "\r\n")) {
            return pos + 2;
        }
        throw malformed("boundary line is not followed by a line end");
    }

    private static boolean startsWith(byte[] body, int pos, String text) {
        if (pos + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[pos + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
