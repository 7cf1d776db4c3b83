package io.cnsh.bulk;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file operations of a run's files: owner-only creation, whole-file replacement through a
 * temporary file and a rename, and the operating system's reason for a failure in words.
 * Writes go through plain streams, because a pending thread interrupt closes an NIO channel
 * half-way through a write, and a stopped run must still leave its files whole.
 */
final class RunFiles {

    private static final Pattern PAREN_REASON = Pattern.compile("\\(([^()]+)\\)\\s*$");

    private RunFiles() {
    }

    /** Creates an empty owner-only file; an existing file is left as it is. */
    static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /**
     * Replaces {@code file} with {@code bytes}: written to {@code FILE.tmp} beside it and renamed over
     * it, so the file is either the old one or the new one, never cut short. On failure the temporary
     * file is removed and the old file stays as it was.
     */
    static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            createPrivate(tmp);
            try (FileOutputStream out = new FileOutputStream(tmp.toFile(), false)) {
                out.write(bytes);
                out.getFD().sync();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure being reported matters more than a leftover FILE.tmp, which the next write replaces
            }
            throw e;
        }
    }

    /**
     * Why an operation on a file failed, in the system's words and without the file name (the caller
     * names the file): {@code permission denied}, {@code no space left on device}, {@code file too large}.
     */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return lowerFirst(f.getReason());
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // FileNotFoundException says "PATH (Permission denied)"
        Matcher m = PAREN_REASON.matcher(message);
        if (e instanceof FileNotFoundException && m.find()) {
            return lowerFirst(m.group(1));
        }
        return lowerFirst(message);
    }

    private static String lowerFirst(String s) {
        String t = s.trim();
        return t.isEmpty() ? t : t.substring(0, 1).toLowerCase(Locale.ROOT) + t.substring(1);
    }
}
