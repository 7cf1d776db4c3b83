package io.cnsh.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets, written whole or not at all: the content goes to a temporary file in
 * the same directory, created readable by its owner only, forced to disk, then renamed over the
 * target. A failure (a full disk, a read-only directory) leaves the target as it was and removes
 * the temporary file, so nothing half-written or 0-byte stays behind.
 *
 * <pre>{@code
 * OwnerOnlyFiles.replace(home.tokens().resolve(name), bytes);
 * }</pre>
 */
public final class OwnerOnlyFiles {

    /** Writes the content into the open temporary file; specs inject a failing one. */
    @FunctionalInterface
    public interface ContentWriter {

        ContentWriter PLAIN = (channel, content) -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        };

        void write(FileChannel channel, byte[] content) throws IOException;
    }

    /** Writes a whole file at the temporary path it is given. */
    @FunctionalInterface
    public interface FileFiller {

        void fill(Path tmp) throws IOException;
    }

    private OwnerOnlyFiles() {
    }

    /** Replaces {@code file} with {@code content} as described above. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, content, ContentWriter.PLAIN, "");
    }

    /**
     * Replaces {@code file} with {@code content}, written by {@code writer} into a temporary file
     * whose name starts with {@code prefix} (the file's own name when empty).
     */
    public static void replace(Path file, byte[] content, ContentWriter writer, String prefix) throws IOException {
        replace(file, prefix, tmp -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writer.write(channel, content);
            }
        });
    }

    /**
     * Replaces {@code file} with what {@code filler} writes into the temporary file it is given
     * (for a library that writes files itself); the file is forced to disk before the rename.
     */
    public static void replace(Path file, String prefix, FileFiller filler) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String name = prefix.isEmpty() ? file.getFileName().toString() : prefix;
        Path tmp = Files.createTempFile(dir, name, ".tmp", ownerOnly());
        try {
            filler.fill(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Why an I/O operation failed, in the operating system's words ("No space left on device",
     * "permission denied"), never just the file name that some exceptions carry as their message.
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "the file already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
