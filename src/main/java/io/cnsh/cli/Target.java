package io.cnsh.cli;

import io.cnsh.client.CnshHome;
import io.cnsh.client.ConfigException;
import io.cnsh.client.ContactNow;
import io.cnsh.client.Network;
import io.cnsh.client.PasswordCommand;
import io.cnsh.client.Profile;
import io.cnsh.client.ProfileNetwork;
import io.cnsh.client.Profiles;
import io.cnsh.wire.Format;
import java.io.Console;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where cnsh's requests go, resolved once from the target options and the environment: an
 * in-process sandbox, a profile, or an ad hoc base URL. Closing it stops an in-process sandbox.
 */
final class Target implements AutoCloseable {

    private final ContactNow client;
    private final String label;
    private final boolean sandbox;
    private final boolean production;
    private final AutoCloseable resource;

    private Target(ContactNow client, String label, boolean sandbox, boolean production, AutoCloseable resource) {
        this.client = client;
        this.label = label;
        this.sandbox = sandbox;
        this.production = production;
        this.resource = resource;
    }

    /**
     * Resolves the target: {@code --sandbox}, else {@code --profile}/{@code CNSH_PROFILE}, else
     * {@code --base-url}/{@code CNSH_BASE_URL}, else the embedded sandbox under {@code $CNSH_HOME/sandbox},
     * which starts when its client is first used.
     */
    static Target open(TargetOptions o, Map<String, String> env, java.io.PrintWriter log) {
        return open(o, env, log, List.of());
    }

    /**
     * Resolves the target as {@link #open(TargetOptions, Map, java.io.PrintWriter)} does, with tokens
     * bound to the given internet addresses (at most 10) when the list is not empty.
     */
    static Target open(TargetOptions o, Map<String, String> env, java.io.PrintWriter log, List<String> address) {
        if (address.size() > 10) {
            throw new UsageException("--address takes at most 10 addresses, got " + address.size());
        }
        CnshHome home = CnshHome.fromEnvironment(env);
        Format format = parseFormat(o.format);
        String profileName = o.profile != null ? o.profile : blankToNull(env.get("CNSH_PROFILE"));
        String baseUrl = o.baseUrl != null ? o.baseUrl : blankToNull(env.get("CNSH_BASE_URL"));
        if (Boolean.TRUE.equals(o.sandbox) || profileName == null && baseUrl == null) {
            EmbeddedSandbox sb = EmbeddedSandbox.lazy(o.sandboxData != null ? o.sandboxData : home.sandbox());
            ContactNow client = sb.client(format == null ? Format.JSON : format, b -> {
                bind(b, address);
                debug(b, o, log);
                return b;
            });
            return new Target(client, "sandbox", true, false, sb);
        }
        if (profileName != null) {
            Profiles profiles = Profiles.load(home);
            Profile p = profiles.require(profileName);
            ProfileNetwork net = profiles.network(p.name());
            Network network = Network.resolve(p.baseUri(), env, net.proxy(), net.caFile(), Profiles.where(home.config(), p.name()));
            // CNSH_PASSWORD, else the saved password, else the profile's password_command, else a prompt
            char[] password = password(env, p.username(), () -> profiles.savedPassword(p.name()).orElseGet(
                    () -> profiles.passwordCommand(p.name()).map(c -> PasswordCommand.run(p.name(), c)).orElse(null)));
            ContactNow.Builder b = net.applyTimeouts(p.clientBuilder()).network(network)
                    .credentials(p.username(), password).tokenCache(home.tokens());
            if (format != null) {
                b.format(format);
            }
            bind(b, address);
            debug(b, o, log);
            return new Target(b.build(), p.name(), false, p.production(), null);
        }
        String user = o.username != null ? o.username : blankToNull(env.get("CNSH_USERNAME"));
        if (user == null) {
            throw new UsageException("--base-url needs --username (or CNSH_USERNAME)");
        }
        URI uri = Profiles.baseUrl(baseUrl).orElseThrow(
                () -> new UsageException("--base-url '" + baseUrl + "' is neither eu, us nor an http(s) URL"));
        Network network = Network.resolve(uri, env, null, null, "--base-url");
        char[] password = password(env, user, () -> null);
        ContactNow.Builder b = ContactNow.builder().baseUrl(uri).network(network).credentials(user, password)
                .format(format == null ? Format.JSON : format).tokenCache(home.tokens());
        bind(b, address);
        debug(b, o, log);
        return new Target(b.build(), uri.getHost(), false, false, null);
    }

    private static void bind(ContactNow.Builder b, List<String> address) {
        if (!address.isEmpty()) {
            b.address(address);
        }
    }

    private static void debug(ContactNow.Builder b, TargetOptions o, java.io.PrintWriter log) {
        if (o.debug()) {
            b.logger(line -> {
                log.println("debug " + line);
                log.flush();
            }, ContactNow.LogLevel.FULL);
        }
    }

    private static Format parseFormat(String name) {
        if (name == null) {
            return null;
        }
        if (name.equalsIgnoreCase("json")) {
            return Format.JSON;
        }
        if (name.equalsIgnoreCase("xml")) {
            return Format.XML;
        }
        throw new UsageException("--format '" + name + "' is not json or xml");
    }

    private static char[] password(Map<String, String> env, String user, java.util.function.Supplier<char[]> saved) {
        String fromEnv = env.get("CNSH_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        char[] s = saved.get();
        if (s != null) {
            return s;
        }
        Console console = System.console();
        if (console == null) {
            throw new ConfigException("no API password for " + user + ": set CNSH_PASSWORD, save one in"
                    + " $CNSH_HOME/credentials, or run in a terminal to be asked");
        }
        char[] typed = console.readPassword("API password for %s: ", user);
        if (typed == null || typed.length == 0) {
            throw new ConfigException("no API password given for " + user);
        }
        return typed;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    ContactNow client() {
        return client;
    }

    /** Short name for banners and prompts: {@code sandbox}, a profile name, or a host. */
    String label() {
        return label;
    }

    boolean isSandbox() {
        return sandbox;
    }

    boolean isProduction() {
        return production;
    }

    @Override
    public void close() {
        client.close();
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                // Stopping the in-process sandbox at exit; nothing useful to report.
            }
        }
    }
}
