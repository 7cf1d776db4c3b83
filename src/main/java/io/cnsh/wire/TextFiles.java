package io.cnsh.wire;

import io.cnsh.wire.TextFileException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the text files people give cnsh (scripts, CSV files) strictly as UTF-8, with one-line
 * messages that say what is wrong: {@code FILE is a directory}, {@code cannot read FILE: permission
 * denied}, {@code FILE: not UTF-8 at byte N (looks like Latin-1?)}, where N counts from 0 at the
 * start of the file. Nothing is replaced or guessed: a file is either read whole or refused.
 *
 * <pre>{@code
 * String script = TextFiles.readUtf8(Path.of("fix.groovy"));
 * }</pre>
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The file's text, decoded strictly as UTF-8 (a byte-order mark is kept). */
    public static String readUtf8(Path file) {
        return utf8(file.toString(), bytes(file));
    }

    /** The file's bytes; a missing file, a directory or an unreadable file is refused by name. */
    public static byte[] bytes(Path file) {
        if (Files.isDirectory(file)) {
            throw new TextFileException(Problem.DIRECTORY, file + " is a directory", -1);
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TextFileException(Problem.MISSING, "no such file: " + file, -1);
        } catch (AccessDeniedException e) {
            throw new TextFileException(Problem.UNREADABLE, "cannot read " + file + ": permission denied", -1);
        } catch (IOException e) {
            throw new TextFileException(Problem.UNREADABLE, "cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), -1);
        }
    }

    /** The bytes decoded strictly as UTF-8; {@code name} (the file) is used in the message. */
    public static String utf8(String name, byte[] bytes) {
        int at = firstMalformed(bytes, 0, bytes.length);
        if (at >= 0) {
            throw new TextFileException(Problem.NOT_UTF8, name + ": not UTF-8 at byte " + at + " " + guess(bytes), at);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The index of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
    public static int firstMalformed(byte[] bytes) {
        return firstMalformed(bytes, 0, bytes.length);
    }

    /** The index of the first byte in {@code [from, to)} that is not part of valid UTF-8 there, or -1. */
    public static int firstMalformed(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.max(16, to - from));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }

    /** What the bytes more likely are, for a message: {@code (looks like Latin-1?)} and the like. */
    public static String guess(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
            return "(looks like UTF-16?)";
        }
        for (byte b : bytes) {
            if (b == 0) {
                return "(looks like a binary file?)";
            }
        }
        return "(looks like Latin-1?)";
    }
}
