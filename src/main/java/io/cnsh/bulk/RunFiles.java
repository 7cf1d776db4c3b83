package io.cnsh.bulk;

import io.cnsh.model.OwnerOnlyFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file operations of a run's files: whole-file replacement, owner-only, through
 * {@link OwnerOnlyFiles}, and the operating system's reason for a failure in words.
 */
final class RunFiles {

    private static final Pattern PAREN_REASON = Pattern.compile("\\(([^()]+)\\)\\s*$");

    private RunFiles() {
    }

    /**
     * Replaces {@code file} with {@code bytes}, written through a plain stream (a thread interrupt
     * cannot cut it short) into an owner-only temporary file beside it and renamed over it, so the file
     * is either the old one or the new one. On failure the temporary file is removed and the old file
     * stays as it was.
     */
    static void replace(Path file, byte[] bytes) throws IOException {
        OwnerOnlyFiles.replace(file, bytes);
    }

    /**
     * Why an operation on a file failed, in the system's words and without the file name (the caller
     * names the file): {@code permission denied}, {@code no space left on device}, {@code file too large}.
     */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        String reason = OwnerOnlyFiles.reason(e);
        // FileNotFoundException says "PATH (Permission denied)"
        Matcher m = PAREN_REASON.matcher(reason);
        if (e instanceof FileNotFoundException && m.find()) {
            reason = m.group(1);
        }
        return lowerFirst(reason);
    }

    private static String lowerFirst(String s) {
        String t = s.trim();
        return t.isEmpty() ? t : t.substring(0, 1).toLowerCase(Locale.ROOT) + t.substring(1);
    }
}
