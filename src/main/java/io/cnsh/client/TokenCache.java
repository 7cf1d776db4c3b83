package io.cnsh.client;

import io.cnsh.model.TokenGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Token grants kept on disk between runs, one owner-only (0600) file per base URL, API username
 * and source address, in a directory such as {@code $CNSH_HOME/tokens}. A file that cannot be read
 * is ignored and replaced on the next grant.
 */
public final class TokenCache {

    private final Path directory;

    public TokenCache(Path directory) {
        this.directory = directory;
    }

    /** The file for one key; its name is a hash, so it does not reveal the username. */
    Path fileFor(String baseUrl, String username, String address) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((baseUrl + "\n" + username + "\n" + (address == null ? "" : address))
                    .getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".token");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<TokenGrant> load(String baseUrl, String username, String address) {
        Path file = fileFor(baseUrl, username, address);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            String token = p.getProperty("token");
            String expire = p.getProperty("expire");
            if (token == null || expire == null || !baseUrl.equals(p.getProperty("base_url"))
                    || !username.equals(p.getProperty("username"))) {
                return Optional.empty();
            }
            return Optional.of(new TokenGrant(token, Instant.ofEpochSecond(Long.parseLong(expire))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void store(String baseUrl, String username, String address, TokenGrant grant) {
        Path file = fileFor(baseUrl, username, address);
        try {
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
            Path tmp = Files.createTempFile(directory, "token", ".tmp");
            restrict(tmp, "rw-------");
            Properties p = new Properties();
            p.setProperty("base_url", baseUrl);
            p.setProperty("username", username);
            p.setProperty("address", address == null ? "" : address);
            p.setProperty("token", grant.token());
            p.setProperty("expire", Long.toString(grant.expire().getEpochSecond()));
            try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "cnsh token cache; owner-only");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A cache that cannot be written costs one token request next time; it is not an error.
        }
    }

    void remove(String baseUrl, String username, String address) {
        try {
            Files.deleteIfExists(fileFor(baseUrl, username, address));
        } catch (IOException e) {
            // Same as above: the next run fetches a fresh token.
        }
    }

    private static void restrict(Path path, String perms) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        }
    }
}
