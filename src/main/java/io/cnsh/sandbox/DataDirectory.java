package io.cnsh.sandbox;

import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the sandbox keeps its database, so that no other local user can read it: the agents'
 * passwords and pins and the issued tokens are in it.
 *
 * <p>A data directory the sandbox creates is created owner-only ({@code rwx------}, set at creation,
 * so there is no moment in which it is open). An existing directory that only its owner can use
 * holds the database itself. An existing directory that others can read or enter gets a private
 * subdirectory, {@value #PRIVATE}, for the database; the sandbox never changes the permissions of a
 * directory it did not create (it may be a home directory). It refuses to start, with a one-line
 * reason, when an open directory already holds a database, or when the private subdirectory is
 * open or belongs to someone else. Database files are created {@code rw-------} before H2 opens
 * them (an existing one that is a symbolic link or another user's is refused), and whatever H2 adds
 * lies inside the private directory. Files and directories are made by {@link OwnerOnlyFiles}.
 */
final class DataDirectory {

    /** The subdirectory that holds the database when the data directory is open to others. */
    static final String PRIVATE = "private";
    /** The base name of H2's files ({@code cnsh-sandbox.mv.db} and, while open, its temporary files). */
    static final String DATABASE = "cnsh-sandbox";

    private DataDirectory() {
    }

    /**
     * The directory the database lives in, made ready: {@code dir} itself, or its private
     * subdirectory when others can use {@code dir}; created owner-only where missing, with an
     * owner-only (empty) database file in it.
     *
     * @throws SandboxException when the directory cannot be made private without changing one the
     *                          sandbox did not create, or cannot be created
     */
    static Path prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SandboxException("sandbox data directory " + dir + " exists and is not a directory");
        }
        Path home;
        if (!posix(dir) || !Files.exists(dir) || OwnerOnlyFiles.isPrivate(dir)) {
            home = createOrUse(dir);
        } else {
            if (Files.exists(dir.resolve(DATABASE + ".mv.db"))) {
                throw new SandboxException("sandbox data directory " + dir + " can be read by other users and holds"
                        + " a database: make it private (chmod 700 " + dir + ") or move the database into "
                        + dir.resolve(PRIVATE));
            }
            home = dir.resolve(PRIVATE);
            createOrUse(home);
            if (!OwnerOnlyFiles.isPrivate(home)) {
                throw new SandboxException("sandbox data directory " + home + " can be read by other users or is not"
                        + " yours: make it private (chmod 700 " + home + ") or choose another --data");
            }
        }
        createFile(home.resolve(DATABASE + ".mv.db"));
        return home;
    }

    /** Makes every file in the database directory owner-only: H2's temporary files follow the umask. */
    static void restrictFiles(Path home) {
        if (!posix(home)) {
            return;
        }
        try (Stream<Path> files = Files.list(home)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(DATABASE) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    OwnerOnlyFiles.restrict(f);
                }
            }
        } catch (IOException e) {
            // a file that vanished meanwhile needs no permissions; the directory is private anyway
        }
    }

    private static boolean posix(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Path createOrUse(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                OwnerOnlyFiles.createDirectories(dir);
            }
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new SandboxException("sandbox data directory " + dir + " exists and is not a directory");
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox data directory " + dir + ": " + reason(e));
        }
    }

    private static void createFile(Path file) {
        boolean created;
        try {
            created = OwnerOnlyFiles.createFile(file);
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox database " + file + ": " + reason(e));
        }
        try {
            if (!created) {
                OwnerOnlyFiles.restrict(file);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot make the sandbox database " + file + " private: " + reason(e));
        }
    }

    /** The operating system's reason, without the path the message already names. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
