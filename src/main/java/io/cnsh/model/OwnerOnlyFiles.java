package io.cnsh.model;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories that only their owner may use: files {@code rw-------}, directories
 * {@code rwx------}, the mode given to the system call that creates them, so there is no moment in
 * which another local user could open one. The umask can only take bits away from that mode; when it
 * took the owner's own bits, they are put back at once. Every part that keeps state under
 * {@code $CNSH_HOME} uses this class: the token cache, the REPL history, the journals and results of
 * runs, the sandbox database.
 *
 * <ul>
 * <li>{@link #createFile} and {@link #createDirectories} create what is missing, owner-only, and leave
 *     what exists as it is;</li>
 * <li>{@link #restrict} checks an existing path and repairs its mode, refusing a symbolic link and a
 *     path that belongs to another user, which it must not change;</li>
 * <li>{@link #replace} writes a file that is rewritten whole: into an owner-only temporary file in the
 *     same directory, forced to disk, then renamed over the target, so the target is either the old
 *     or the new content, and a failure (a full disk) removes the temporary file;</li>
 * <li>{@link #append} opens a journal for appending, creating it owner-only.</li>
 * </ul>
 *
 * <p>Writes of whole byte arrays and appends go through plain file streams, never an NIO channel: a
 * pending thread interrupt closes a channel half-way through a write, and a stopped run must still
 * leave its files whole. On a file system without POSIX permissions (Windows) files and directories
 * get that system's defaults and {@link #restrict} does nothing.
 *
 * <p>It lives in {@code model}, the one part that every other part may import (it imports only
 * {@code java.*}), because the sandbox, which must never import the client, needs it as much as the
 * client, the bulk engine and the REPL do. It is the only class in {@code model} that touches files.
 *
 * <pre>{@code
 * OwnerOnlyFiles.createDirectories(home.tokens());
 * OwnerOnlyFiles.replace(home.tokens().resolve(name), bytes);
 * }</pre>
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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

    /**
     * Creates an empty owner-only file.
     *
     * @return true when it created the file; false when a file (or link) of that name exists, which is
     *         left as it is
     */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file, FILE));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        ownBits(file, FILE);
        return true;
    }

    /**
     * Creates the directory and its missing parents, each owner-only; directories that exist are left
     * as they are.
     *
     * @throws FileAlreadyExistsException when something other than a directory is in the way
     */
    public static Path createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, attributes(p, DIRECTORY));
                // each one usable before its child is made in it, whatever the umask
                ownBits(p, DIRECTORY);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        return dir;
    }

    /**
     * Makes an existing file {@code rw-------} or directory {@code rwx------} when its mode differs.
     *
     * @throws FileSystemException when the path is a symbolic link (a link planted where a private
     *                             file is expected must not lend its target our permissions) or
     *                             belongs to another user
     */
    public static void restrict(Path path) throws IOException {
        if (!posix(path)) {
            return;
        }
        if (Files.isSymbolicLink(path)) {
            throw new FileSystemException(path.toString(), null, "is a symbolic link");
        }
        if (belongsToAnother(path)) {
            throw new FileSystemException(path.toString(), null, "belongs to another user");
        }
        Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
            chmod(path, wanted);
        }
    }

    /**
     * True when the path (a link is followed) belongs to this user and no one else may read, write or
     * enter it; false when that cannot be told, on a file system without POSIX permissions too.
     */
    public static boolean isPrivate(Path path) {
        try {
            return Files.getPosixFilePermissions(path).stream().noneMatch(OTHERS::contains)
                    && Files.getOwner(path).equals(me(path));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Opens the file for appending through a plain stream, creating it owner-only when missing. */
    public static FileOutputStream append(Path file) throws IOException {
        createFile(file);
        return new FileOutputStream(file.toFile(), true);
    }

    /** Replaces {@code file} with {@code content}, written through a plain stream (see above). */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, "", tmp -> {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
            }
        });
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
        Path tmp = Files.createTempFile(dir, name, ".tmp", attributes(dir, FILE));
        try {
            ownBits(tmp, FILE);
            filler.fill(tmp);
            try (FileOutputStream out = new FileOutputStream(tmp.toFile(), true)) {
                out.getFD().sync();
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
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
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
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    /**
     * Gives a path just created its full owner-only mode when the umask took some of the owner's bits
     * (the mode asked for at creation holds no one else's bits, so nothing is ever opened up here). A
     * file system that ignores modes (FAT mounted on Linux) shows all of them and is left alone.
     */
    private static void ownBits(Path created, Set<PosixFilePermission> mode) throws IOException {
        if (posix(created) && !Files.getPosixFilePermissions(created, LinkOption.NOFOLLOW_LINKS).containsAll(mode)) {
            chmod(created, mode);
        }
    }

    /** Sets the mode without following a link: a link swapped in after the checks makes this fail. */
    private static void chmod(Path path, Set<PosixFilePermission> mode) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
    }

    private static UserPrincipal me(Path path) throws IOException {
        return path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    }

    /**
     * True when the path is known to be another user's. A user the system cannot name (a container
     * started with a bare uid) is left to the system: changing the mode of another's file fails anyway.
     */
    private static boolean belongsToAnother(Path path) throws IOException {
        UserPrincipal me;
        try {
            me = me(path);
        } catch (IOException e) {
            return false;
        }
        return !Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(me);
    }
}
