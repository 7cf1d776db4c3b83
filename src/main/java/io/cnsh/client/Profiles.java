package io.cnsh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.cnsh.wire.Format;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profiles of {@code $CNSH_HOME/config}, a TOML file:
 *
 * <pre>
 * [profiles.prod]
 * url = "eu"            # eu, us, or a base URL
 * username = "api_user"
 * format = "xml"        # json (default) or xml
 * campaign = "12"       # optional
 * batch_size = 100
 * rate_limit = 5        # requests per second, optional
 * production = true
 * address = ["203.0.113.7", "203.0.113.8"]   # optional token binding
 * password_command = "pass show contactnow/api"  # optional, see PasswordCommand
 * proxy = "http://proxy.example.com:3128"     # optional; see ProfileNetwork
 * ca_file = "corp-ca.pem"                     # optional, relative to $CNSH_HOME
 * connect_timeout = 10                        # seconds, optional
 * read_timeout = 60                           # seconds, optional
 * </pre>
 *
 * <p>Saved passwords live apart, in the owner-only {@code credentials} file
 * ({@code [profiles.prod] password = "…"}), which is refused when others can read it.
 */
public final class Profiles {

    private static final Set<String> KEYS = Set.of("url", "base_url", "region", "username", "format",
            "campaign", "batch_size", "rate_limit", "production", "address",
            "password_command",
            "proxy", "ca_file", "connect_timeout", "read_timeout");

    private final Map<String, Profile> byName;
    private final Map<String, String> passwordCommands;
    private final CnshHome home;
    private final Map<String, ProfileNetwork> networks = new LinkedHashMap<>();

    private Profiles(CnshHome home, Map<String, Profile> byName, Map<String, String> passwordCommands) {
        this.home = home;
        this.byName = byName;
        this.passwordCommands = passwordCommands;
    }

    /** Reads the config file; a missing file means no profiles. */
    public static Profiles load(CnshHome home) {
        Path file = home.config();
        if (!Files.isRegularFile(file)) {
            return new Profiles(home, new LinkedHashMap<>(), Map.of());
        }
        return from(home, readToml(file));
    }

    /** Reads {@code text} as the config file would be read, to check a new one before it is written. */
    public static Profiles parse(CnshHome home, String text) {
        return from(home, readTomlText(home.config(), text));
    }

    /** The base URI a {@code url} value stands for ({@code eu}, {@code us} or an http(s) URL), if it is one. */
    public static Optional<URI> baseUrl(String url) {
        URI base;
        try {
            base = url == null ? null : Region.resolve(url);
        } catch (IllegalArgumentException e) {
            base = null;
        }
        if (base == null || base.getHost() == null
                || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
            return Optional.empty();
        }
        return Optional.of(base);
    }

    private static Profiles from(CnshHome home, JsonNode root) {
        Path file = home.config();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Map<String, String> commands = new LinkedHashMap<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("profiles")) {
                throw new ConfigException(file + ": unknown section '" + key + "' (profiles go under [profiles.NAME])");
            }
        }
        JsonNode section = root.path("profiles");
        Profiles loaded = new Profiles(home, profiles, commands);
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            profiles.put(e.getKey(), parse(file, e.getKey(), e.getValue(), home.credentials()));
            loaded.networks.put(e.getKey(), ProfileNetwork.parse(e.getValue(), where(file, e.getKey()), home.root()));
            JsonNode command = e.getValue().get("password_command");
            if (command != null && (!command.isTextual() || command.asText().isBlank())) {
                throw new ConfigException(file + " [profiles." + e.getKey() + "]: password_command must be a command line in quotes");
            }
            if (command != null) {
                commands.put(e.getKey(), command.asText());
            }
        }
        return loaded;
    }

    /** The command that prints a profile's password ({@code password_command}), if it has one. */
    public Optional<String> passwordCommand(String profile) {
        return Optional.ofNullable(passwordCommands.get(profile));
    }

    public Optional<Profile> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The profile, or a {@link ConfigException} listing the profiles there are. */
    public Profile require(String name) {
        Profile p = byName.get(name);
        if (p == null) {
            throw new ConfigException("no profile '" + name + "' in " + home.config()
                    + (byName.isEmpty() ? " (it has none)" : " (profiles: " + String.join(", ", byName.keySet()) + ")"));
        }
        return p;
    }

    /** The proxy, CA bundle and timeouts of a profile ({@link ProfileNetwork#NONE} when it sets none). */
    public ProfileNetwork network(String name) {
        return networks.getOrDefault(name, ProfileNetwork.NONE);
    }

    /** How errors name a profile: the config file and its section. */
    public static String where(Path file, String name) {
        return file + " [profiles." + name + "]";
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The saved password of a profile, if the user chose to keep one. */
    public Optional<char[]> savedPassword(String profile) {
        Path file = home.credentials();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new ConfigException(file + " can be read or written by other users; run: chmod 600 " + file);
                }
            } catch (IOException e) {
                throw new ConfigException("cannot check the permissions of " + file);
            }
        }
        JsonNode node = readToml(file).path("profiles").path(profile).path("password");
        return node.isTextual() ? Optional.of(node.asText().toCharArray()) : Optional.empty();
    }

    private static JsonNode readToml(Path file) {
        try {
            return new TomlMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw notToml(file, e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode readTomlText(Path file, String text) {
        try {
            JsonNode root = new TomlMapper().readTree(text);
            return root == null || root.isMissingNode() ? new TomlMapper().createObjectNode() : root;
        } catch (JsonProcessingException e) {
            throw notToml(file, e);
        }
    }

    private static ConfigException notToml(Path file, JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        return new ConfigException(file + (line > 0 ? ":" + line : "") + ": not valid TOML ("
                + e.getOriginalMessage().replaceAll("\\s+", " ").replaceAll("'[^']*'", "'…'") + ")");
    }

    private static Profile parse(Path file, String name, JsonNode p, Path credentials) {
        String where = where(file, name);
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + ": unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")"
                        + (key.equalsIgnoreCase("password") ? "; a password belongs in the owner-only " + credentials : ""));
            }
        }
        String url = text(p, "url", text(p, "base_url", text(p, "region", null)));
        if (url == null) {
            throw new ConfigException(where + ": no url (eu, us, or a base URL)");
        }
        URI base = baseUrl(url).orElseThrow(
                () -> new ConfigException(where + ": url '" + url + "' is neither eu, us nor an http(s) URL"));
        String username = text(p, "username", null);
        if (username == null) {
            throw new ConfigException(where + ": no username");
        }
        Format format;
        try {
            format = Format.parse(text(p, "format", "json"));
            if (format == Format.CSV) {
                throw new IllegalArgumentException("unknown format 'csv' (expected json or xml)");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage().replace("(expected json, xml or csv)", "(expected json or xml)"));
        }
        int batch = 100;
        JsonNode b = p.get("batch_size");
        if (b != null) {
            if (!b.isIntegralNumber() || !b.canConvertToInt() || b.asInt() < 1) {
                throw new ConfigException(where + ": batch_size must be a whole number of at least 1"
                        + (b.isNumber() ? "" : ", got '" + b.asText() + "'"));
            }
            batch = b.asInt();
        }
        double rate = 0;
        JsonNode r = p.get("rate_limit");
        if (r != null) {
            if (!r.isNumber() || r.asDouble() < 0 || Double.isInfinite(r.asDouble()) || Double.isNaN(r.asDouble())) {
                throw new ConfigException(where + ": rate_limit must be a number of requests per second, 0 for none, got "
                        + (r.isNumber() ? r.asText() : "'" + r.asText() + "'"));
            }
            rate = r.asDouble();
        }
        JsonNode prod = p.get("production");
        if (prod != null && !prod.isBoolean()) {
            throw new ConfigException(where + ": production must be true or false, got '" + prod.asText() + "'");
        }
        List<String> address = new ArrayList<>();
        JsonNode a = p.path("address");
        if (a.isArray()) {
            a.forEach(n -> address.add(n.asText().trim()));
        } else if (a.isTextual()) {
            for (String s : a.asText().split(",")) {
                if (!s.isBlank()) {
                    address.add(s.trim());
                }
            }
        } else if (!a.isMissingNode()) {
            throw new ConfigException(where + ": address must be a list of internet addresses, such as [\"203.0.113.7\"]");
        }
        if (address.size() > 10) {
            throw new ConfigException(where + ": address lists at most 10 addresses, got " + address.size());
        }
        return new Profile(name, base, username, format, text(p, "campaign", null), batch, rate,
                prod != null && prod.asBoolean(), address);
    }

    private static String text(JsonNode p, String key, String fallback) {
        JsonNode n = p.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
