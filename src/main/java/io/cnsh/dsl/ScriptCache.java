package io.cnsh.dsl;

import groovy.lang.GroovyCodeSource;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * The compiled scripts of {@code cnsh run}, one file per {@link ScriptCacheKey} in a directory
 * ({@code $CNSH_HOME/cache/scripts}), so that a script this machine has compiled before starts
 * without Groovy's compiler. A changed script, cnsh build, JDK or Groovy makes another key, so an
 * entry is never used for anything but what it was compiled from.
 *
 * <p>The cache never fails a run: a damaged or unreadable entry is ignored (the script is compiled
 * and the entry replaced), and a directory that cannot be written (read-only, full) only means the
 * script is compiled each time. Entries are written whole into a temporary file and renamed into
 * place, so two processes filling the same entry both succeed and a reader never sees half of one.
 * Directories are created {@code rwx------} and entries {@code rw-------} (a script's class files
 * hold its string literals). A script that does not compile is never stored.
 *
 * <pre>{@code
 * ScriptCache cache = ScriptCache.in(home.root().resolve("cache/scripts"), line -> err.println("debug " + line));
 * new ScriptRunner(agents, out, err, env, guard, cache).runFile(path, args);
 * }</pre>
 */
public final class ScriptCache {

    private final Path dir;
    private final Supplier<Optional<ScriptCacheKey.Toolchain>> toolchain;
    private final Consumer<String> log;

    ScriptCache(Path dir, Supplier<Optional<ScriptCacheKey.Toolchain>> toolchain, Consumer<String> log) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.toolchain = Objects.requireNonNull(toolchain, "toolchain");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * A cache in {@code dir} for this process's cnsh, JDK and Groovy; {@code log} is told of every hit,
     * miss and problem in one line starting {@code script cache:} (cnsh prints them under {@code --debug}).
     */
    public static ScriptCache in(Path dir, Consumer<String> log) {
        return new ScriptCache(dir, ScriptCacheKey.Toolchain::current, log);
    }

    /** The directory of the entries. */
    public Path directory() {
        return dir;
    }

    /**
     * The compiled script for {@code source} (whose text is {@code content}): the stored one when an
     * entry has its key, else compiled now and stored when the directory can be written.
     *
     * @throws CompilationFailedException when the script does not compile
     */
    CompiledScript compiled(GroovyCodeSource source, byte[] content, CompilerConfiguration configuration,
                            ClassLoader parent) {
        Optional<String> compiler = ScriptCacheKey.describe(configuration);
        Optional<ScriptCacheKey.Toolchain> versions = toolchain.get();
        if (compiler.isEmpty() || versions.isEmpty()) {
            log.accept("script cache: not used (" + (compiler.isEmpty()
                    ? "the compiler configuration has parts it cannot key" : "cnsh's build cannot be identified") + ")");
            return CompiledScript.compile(source, configuration, parent);
        }
        ScriptCacheKey key = ScriptCacheKey.of(versions.get(), compiler.get(), source.getName(), content);
        Path entry = dir.resolve(key.fileName());
        Optional<CompiledScript> stored = read(entry, key);
        if (stored.isPresent()) {
            log.accept("script cache: hit " + entry);
            return stored.get();
        }
        CompiledScript compiled = CompiledScript.compile(source, configuration, parent);
        try {
            OwnerOnlyFiles.createDirectories(dir);
            OwnerOnlyFiles.replace(entry, compiled.encode(key.text()));
            log.accept("script cache: compiled " + source.getName() + ", stored " + entry);
        } catch (IOException e) {
            log.accept("script cache: compiled " + source.getName() + ", not stored (" + OwnerOnlyFiles.reason(e) + ")");
        } catch (RuntimeException e) {
            log.accept("script cache: compiled " + source.getName() + ", not stored (" + e.getClass().getSimpleName() + ")");
        }
        return compiled;
    }

    private Optional<CompiledScript> read(Path entry, ScriptCacheKey key) {
        byte[] data;
        try {
            data = Files.readAllBytes(entry);
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(entry)) {
                return Optional.empty(); // no entry yet, or no cache directory
            }
            log.accept("script cache: ignored an unreadable entry " + entry + " ("
                    + (e instanceof IOException io ? OwnerOnlyFiles.reason(io) : e.getClass().getSimpleName()) + ")");
            return Optional.empty();
        }
        Optional<CompiledScript> script = CompiledScript.decode(data, key.text());
        if (script.isEmpty()) {
            log.accept("script cache: ignored a damaged entry " + entry + "; compiling again");
        }
        return script;
    }
}
