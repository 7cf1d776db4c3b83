package io.cnsh.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * cnsh's directory of state ({@code $CNSH_HOME}, default {@code ~/.cnsh}): {@code config},
 * {@code credentials}, {@code tokens/}, {@code history}, {@code runs/}, {@code sandbox/}.
 */
public record CnshHome(Path root) {

    /** From {@code CNSH_HOME} in the given environment, else {@code ~/.cnsh}. */
    public static CnshHome fromEnvironment(Map<String, String> env) {
        String dir = env.get("CNSH_HOME");
        if (dir != null && !dir.isBlank()) {
            return new CnshHome(Path.of(dir));
        }
        return new CnshHome(Path.of(System.getProperty("user.home"), ".cnsh"));
    }

    public Path config() {
        return root.resolve("config");
    }

    /** Owner-only file of saved API passwords, by profile (opt-in). */
    public Path credentials() {
        return root.resolve("credentials");
    }

    public Path tokens() {
        return root.resolve("tokens");
    }

    public Path history() {
        return root.resolve("history");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path sandbox() {
        return root.resolve("sandbox");
    }
}
