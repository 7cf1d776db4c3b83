package io.cnsh.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where B2 finds groovysh: the jars and the {@code classpath.txt} that the documented step
 * ({@link #fetchCommand}) puts into {@code ~/.cache/cnsh-bench/groovysh-VERSION}. cnsh never fetches
 * them itself; when they are missing, B2 reports groovysh as skipped with that command.
 */
final class GroovyshJars {

    /** The groovysh that B2 compares with; {@code src/bench/groovysh/pom.xml} fetches the same one. */
    static final String VERSION = "5.0.3";

    /** The step's own Maven file, relative to the project directory. */
    static final String POM = "src/bench/groovysh/pom.xml";

    private GroovyshJars() {
    }

    /** {@code ~/.cache/cnsh-bench/groovysh-VERSION} under the given home directory. */
    static Path cacheDir(Path home) {
        return home.resolve(".cache").resolve("cnsh-bench").resolve("groovysh-" + VERSION);
    }

    static Path cacheDir() {
        return cacheDir(Path.of(System.getProperty("user.home")));
    }

    /**
     * The class path written by the step, or {@code null} when there is none or a jar it names is
     * gone (a step cut short, or a cache cleaned since), so that groovysh would not start.
     */
    static String classPath(Path dir) throws IOException {
        Path file = dir.resolve("classpath.txt");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String classPath = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (classPath.isEmpty()) {
            return null;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!Files.isRegularFile(Path.of(entry))) {
                return null;
            }
        }
        return classPath;
    }

    /** The one command that fetches groovysh for B2, to be run once. */
    static String fetchCommand(Path project) {
        return "mvn -B -q -f " + project.resolve(POM) + " package";
    }
}
