package io.cnsh.cli;

import io.cnsh.client.CnshHome;
import io.cnsh.client.ConfigException;
import io.cnsh.client.ConfigText;
import io.cnsh.client.Profile;
import io.cnsh.client.ProfileEditor;
import io.cnsh.client.Profiles;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnsh profile add|list|show|remove}: the profiles of {@code $CNSH_HOME/config} and their
 * saved passwords in the owner-only {@code credentials} file, edited with {@link ProfileEditor} so
 * that comments and other profiles stay as they were. A password is asked for (masked) or read from
 * standard input only to be saved, with {@code --save-password}; it is never printed.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Add, list, show or remove the profiles of $CNSH_HOME/config.",
        subcommands = {ProfileCommand.Add.class, ProfileCommand.ListProfiles.class, ProfileCommand.Show.class,
            ProfileCommand.Remove.class})
final class ProfileCommand implements Callable<Integer> {

    /** The longest password read from standard input. */
    static final int MAX_PASSWORD_BYTES = 4096;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        throw new UsageException("profile takes add, list, show or remove (cnsh profile --help)");
    }

    CnshHome home() {
        return CnshHome.fromEnvironment(main.env());
    }

    /** {@code cnsh profile add NAME --url … --username …}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Add a profile to $CNSH_HOME/config (owner-only), keeping its comments and other profiles.",
                "The API password is saved (owner-only $CNSH_HOME/credentials) only with --save-password: asked for,"
                    + " masked, on a terminal, or read from the first line of standard input with --password-stdin."})
    static final class Add implements Callable<Integer> {

        @ParentCommand
        ProfileCommand parent;

        @Parameters(paramLabel = "NAME", description = "The profile's name: letters, digits, '_' or '-'.")
        String name;

        @Option(names = "--url", required = true, paramLabel = "eu|us|URL", description = "The API: eu, us, or an http(s) base URL.")
        String url;

        @Option(names = "--username", required = true, paramLabel = "U", description = "The API username.")
        String username;

        @Option(names = "--format", paramLabel = "json|xml", description = "Wire format (default json).")
        String format;

        @Option(names = "--production", description = "A live account: writes of more than 25 agents ask first.")
        boolean production;

        @Option(names = "--address", split = ",", paramLabel = "IP",
                description = "Bind tokens to these internet addresses (IPv4 or IPv6, at most 10, comma-separated).")
        List<String> address = new ArrayList<>();

        @Option(names = "--password-command", paramLabel = "CMD",
                description = "A command whose first output line is the API password (a password manager).")
        String passwordCommand;

        @Option(names = "--save-password", description = "Ask for the API password and save it in $CNSH_HOME/credentials.")
        boolean savePassword;

        @Option(names = "--password-stdin", description = "With --save-password: read the password from standard input's first line.")
        boolean passwordStdin;

        @Option(names = "--force", description = "Replace a profile of that name (its saved password stays unless saved anew).")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> keys = keys();
            CnshHome home = parent.home();
            ProfileEditor editor = new ProfileEditor(home);
            if (!force && editor.has(name)) {
                throw new UsageException("profile '" + name + "' already exists in " + home.config() + "; add --force to replace it");
            }
            char[] password = savePassword ? password(username.trim()) : null;
            try {
                editor.put(name, keys, password, force);
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
            PrintWriter out = parent.main.out();
            out.println("profile '" + name + "' written to " + home.config()
                    + (password != null ? "; its password saved in " + home.credentials() : ""));
            return Main.OK;
        }

        /** The keys of the new section, each checked, in the README's order. */
        private Map<String, Object> keys() {
            if (!ConfigText.isBareKey(name)) {
                throw new UsageException("profile name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (name.equals("sandbox")) {
                throw new UsageException("profile name 'sandbox' is taken by the in-process sandbox; choose another");
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            String u = url.trim();
            if (Profiles.baseUrl(u).isEmpty()) {
                throw new UsageException("--url '" + url + "' is neither eu, us nor an http(s) URL");
            }
            keys.put("url", u.equalsIgnoreCase("eu") || u.equalsIgnoreCase("us") ? u.toLowerCase(Locale.ROOT) : u);
            keys.put("username", line("--username", username));
            if (format != null) {
                String f = format.trim().toLowerCase(Locale.ROOT);
                if (!f.equals("json") && !f.equals("xml")) {
                    throw new UsageException("--format must be json or xml, got '" + format + "'");
                }
                keys.put("format", f);
            }
            if (production) {
                keys.put("production", true);
            }
            if (!address.isEmpty()) {
                keys.put("address", addresses(address));
            }
            if (passwordCommand != null) {
                if (savePassword) {
                    throw new UsageException("give either --save-password or --password-command, not both");
                }
                keys.put("password_command", line("--password-command", passwordCommand));
            }
            if (passwordStdin && !savePassword) {
                throw new UsageException("--password-stdin reads a password to save; add --save-password");
            }
            return keys;
        }

        private char[] password(String user) {
            char[] password;
            if (passwordStdin) {
                password = firstLine(System.in);
            } else {
                Console console = System.console();
                if (console == null) {
                    throw new UsageException("no terminal to ask for the password on; pipe it in with --password-stdin");
                }
                password = console.readPassword("API password for %s: ", user);
            }
            if (password == null || password.length == 0) {
                throw new UsageException("no password given; nothing written");
            }
            return password;
        }
    }

    /** {@code cnsh profile list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the profiles: name, url, username, format, production; * marks $CNSH_PROFILE.")
    static final class ListProfiles implements Callable<Integer> {

        @ParentCommand
        ProfileCommand parent;

        @Override
        public Integer call() {
            CnshHome home = parent.home();
            Profiles profiles = Profiles.load(home);
            if (profiles.names().isEmpty()) {
                parent.main.err().println("cnsh: no profiles in " + home.config()
                        + "; add one with: cnsh profile add NAME --url eu|us|URL --username U");
                return Main.OK;
            }
            String current = parent.main.env().get("CNSH_PROFILE");
            int width = profiles.names().stream().mapToInt(String::length).max().orElse(0);
            PrintWriter out = parent.main.out();
            for (String n : profiles.names()) {
                Profile p = profiles.require(n);
                String line = (n.equals(current) ? "* " : "  ") + pad(n, width) + "  " + p.baseUri() + "  " + p.username()
                        + "  " + p.format().wireName() + (p.production() ? "  production" : "");
                out.println(line.stripTrailing());
            }
            return Main.OK;
        }
    }

    /** A subcommand of one profile, named by its parameter. */
    abstract static class Named implements Callable<Integer> {

        @ParentCommand
        ProfileCommand parent;

        @Parameters(paramLabel = "NAME", description = "The profile.")
        String name;
    }

    /** {@code cnsh profile show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show every setting of a profile; never its password.")
    static final class Show extends Named {

        @Override
        public Integer call() {
            Profiles profiles = Profiles.load(parent.home());
            Profile p = profiles.require(name);
            PrintWriter out = parent.main.out();
            out.println("profile:    " + p.name());
            out.println("url:        " + p.baseUri());
            out.println("username:   " + p.username());
            out.println("format:     " + p.format().wireName());
            out.println("campaign:   " + (p.campaign() == null ? "(none)" : p.campaign()));
            out.println("batch_size: " + p.batchSize());
            out.println("rate_limit: " + (p.rateLimit() == 0 ? "none" : p.rateLimit() + " per second"));
            out.println("production: " + p.production());
            out.println("address:    " + (p.address().isEmpty() ? "(this machine's)" : String.join(", ", p.address())));
            out.println("password:   " + passwordSource(profiles, p.name()));
            String env = parent.main.env().get("CNSH_PASSWORD");
            if (env != null && !env.isEmpty()) {
                out.println("            (CNSH_PASSWORD is set and is used instead)");
            }
            return Main.OK;
        }

        private static String passwordSource(Profiles profiles, String name) {
            Optional<char[]> saved;
            try {
                saved = profiles.savedPassword(name);
            } catch (ConfigException e) {
                return "cannot tell: " + e.getMessage();
            }
            saved.ifPresent(c -> Arrays.fill(c, '\0'));
            if (saved.isPresent()) {
                return "saved" + (profiles.passwordCommand(name).isPresent() ? " (password_command is not used)" : "");
            }
            return profiles.passwordCommand(name).isPresent() ? "from password_command" : "not saved (asked for when needed)";
        }
    }

    /** {@code cnsh profile remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a profile from $CNSH_HOME/config and its saved password from credentials.")
    static final class Remove extends Named {

        @Override
        public Integer call() {
            CnshHome home = parent.home();
            if (!new ProfileEditor(home).remove(name)) {
                Profiles.load(home).require(name);
                throw new ConfigException("profile '" + name + "' is not written as a [profiles." + name + "] section in "
                        + home.config() + "; edit that file by hand");
            }
            parent.main.out().println("profile '" + name + "' removed from " + home.config());
            return Main.OK;
        }
    }

    /** The value, trimmed, on one line; a blank one is refused. */
    private static String line(String option, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UsageException(option + " must be one line of printable characters");
        }
        return v;
    }

    /** The addresses, each an IPv4 or IPv6 literal (never looked up), at most 10. */
    static List<String> addresses(List<String> given) {
        List<String> out = new ArrayList<>();
        for (String a : given) {
            String v = a.trim();
            if (!v.matches("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)") && !ipv6(v)) {
                throw new UsageException("--address '" + a + "' is not an IPv4 or IPv6 address");
            }
            out.add(v);
        }
        if (out.size() > 10) {
            throw new UsageException("--address takes at most 10 addresses, got " + out.size());
        }
        return out;
    }

    private static boolean ipv6(String v) {
        try {
            // in brackets a name is refused as a malformed literal, never looked up
            return v.contains(":") && InetAddress.getByName("[" + v + "]") instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The first line of {@code in} without its line break (at most {@value #MAX_PASSWORD_BYTES} bytes). */
    static char[] firstLine(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (bytes.size() >= MAX_PASSWORD_BYTES) {
                    throw new UsageException("--password-stdin: the first line is over " + MAX_PASSWORD_BYTES + " bytes");
                }
                bytes.write(b);
            }
        } catch (IOException e) {
            throw new UsageException("--password-stdin: cannot read standard input");
        }
        byte[] b = bytes.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(b, 0, n));
        Arrays.fill(b, (byte) 0);
        char[] out = new char[chars.remaining()];
        chars.get(out);
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
