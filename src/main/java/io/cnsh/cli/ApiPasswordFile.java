package io.cnsh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The sandbox's API password read from {@code --api-password-file}: the file's only line. A file
 * that is missing, empty, a directory, too large or of several lines is a usage mistake; one that
 * others can read is used, with a warning that says how to make it private. The password itself
 * is never part of a message.
 */
final class ApiPasswordFile {

    /** The longest password file read; a password is a line, not a document. */
    static final int MAX_BYTES = 4096;

    private ApiPasswordFile() {
    }

    /** The password on the first line of {@code file}; a warning goes to {@code err} when others can read it. */
    static String read(Path file, PrintWriter err) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw mistake(file, "is a directory; give the file that holds the password");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw mistake(file, "is over " + MAX_BYTES + " bytes; it should hold the password on one line");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw mistake(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw mistake(file, "cannot be read: permission denied");
        } catch (IOException e) {
            throw mistake(file, "cannot be read: " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isBlank()) {
            throw mistake(file, "is empty; put the password on its first line");
        }
        if (text.lines().skip(1).anyMatch(l -> !l.isBlank())) {
            throw mistake(file, "holds more than one line; put only the password in it");
        }
        warnIfShared(file, err);
        return line;
    }

    private static void warnIfShared(Path file, PrintWriter err) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("cnsh sandbox: warning: other users can read " + file + "; chmod 600 " + file);
                err.flush();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions to check
        }
    }

    private static UsageException mistake(Path file, String what) {
        return new UsageException("--api-password-file " + file + " " + what);
    }
}
