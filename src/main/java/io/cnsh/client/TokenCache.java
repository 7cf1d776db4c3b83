package io.cnsh.client;

import io.cnsh.model.OwnerOnlyFiles;
import io.cnsh.model.TokenGrant;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Token grants kept on disk between runs, one owner-only (0600) file per base URL, API username
 * and source address, in a directory such as {@code $CNSH_HOME/tokens}. A file that cannot be read
 * is ignored and replaced on the next grant.
 *
 * <p>Each file also holds a salted PBKDF2 hash of the API password the token was fetched with
 * (never the password): a token is handed out only to a caller with the same password, so a wrong
 * {@code CNSH_PASSWORD} fails as it would without a cache. Files are replaced whole
 * ({@link OwnerOnlyFiles}); a file that cannot be written costs one token request next time and is
 * reported to the warning sink with the operating system's reason.
 */
public final class TokenCache {

    /**
     * PBKDF2 rounds for new files. Measured on this project's build machine: about 27 ms of CPU
     * once warm, about 250 ms for the first hash in a fresh JVM (class loading, interpreter); paid
     * once per process that loads or stores a cached token, never for the sandbox, which caches none.
     * Each file records its rounds, so changing this costs old files one token request.
     */
    static final int ITERATIONS = 100_000;

    private static final String CHECK_SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final Path directory;
    private final Consumer<String> warnings;
    private final OwnerOnlyFiles.ContentWriter writer;
    private final SecureRandom random = new SecureRandom();

    public TokenCache(Path directory) {
        this(directory, warning -> { }, OwnerOnlyFiles.ContentWriter.PLAIN);
    }

    /**
     * @param warnings told, in one line, when a token cannot be cached
     * @param writer   writes a file's bytes (specs inject a failing one)
     */
    TokenCache(Path directory, Consumer<String> warnings, OwnerOnlyFiles.ContentWriter writer) {
        this.directory = directory;
        this.warnings = warnings;
        this.writer = writer;
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

    /** The cached grant for this key, if it was fetched with this password. */
    Optional<TokenGrant> load(String baseUrl, String username, String address, char[] password) {
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
                    || !username.equals(p.getProperty("username"))
                    || !sameCheck(p.getProperty("password_check"), password)) {
                return Optional.empty();
            }
            return Optional.of(new TokenGrant(token, Instant.ofEpochSecond(Long.parseLong(expire))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps the grant, with a check of the password it was fetched with, replacing the file whole. */
    void store(String baseUrl, String username, String address, TokenGrant grant, char[] password) {
        Path file = fileFor(baseUrl, username, address);
        try {
            OwnerOnlyFiles.createDirectories(directory);
            OwnerOnlyFiles.restrict(directory);
            Properties p = new Properties();
            p.setProperty("base_url", baseUrl);
            p.setProperty("username", username);
            p.setProperty("address", address == null ? "" : address);
            p.setProperty("token", grant.token());
            p.setProperty("expire", Long.toString(grant.expire().getEpochSecond()));
            p.setProperty("password_check", check(password));
            StringWriter text = new StringWriter();
            p.store(text, "cnsh token cache; owner-only");
            OwnerOnlyFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), writer, "token");
        } catch (IOException e) {
            warnings.accept("cannot cache the token in " + directory + ": " + OwnerOnlyFiles.reason(e)
                    + "; the next run asks for a new one");
        }
    }

    void remove(String baseUrl, String username, String address) {
        try {
            Files.deleteIfExists(fileFor(baseUrl, username, address));
        } catch (IOException e) {
            // The next run fetches a fresh token when this one is refused.
        }
    }

    /** {@code pbkdf2-sha256:ROUNDS:SALT:HASH}, hex, with a fresh salt. */
    private String check(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        HexFormat hex = HexFormat.of();
        return CHECK_SCHEME + ":" + ITERATIONS + ":" + hex.formatHex(salt) + ":" + hex.formatHex(hash(password, salt, ITERATIONS));
    }

    /** True when the stored check was made from this password; a file without one never matches. */
    private static boolean sameCheck(String stored, char[] password) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(CHECK_SCHEME)) {
            return false;
        }
        int rounds = Integer.parseInt(parts[1]);
        if (rounds < 1 || rounds > 10 * ITERATIONS) {
            return false;
        }
        HexFormat hex = HexFormat.of();
        return MessageDigest.isEqual(hex.parseHex(parts[3]), hash(password, hex.parseHex(parts[2]), rounds));
    }

    private static byte[] hash(char[] password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
