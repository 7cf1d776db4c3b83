package io.cnsh.dsl;

import groovy.lang.GroovySystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * The key of a compiled script in the {@link ScriptCache}: everything the class files depend on.
 * That is the script's bytes (by SHA-256, not its path or time) and file name (the class name and
 * the file named in stack traces come from it), the {@link Toolchain} (cnsh's version and build,
 * the JDK, Groovy, the class path) and what in the compiler configuration changes the output.
 * The entry's file name is the SHA-256 of the whole key, which the entry also holds.
 */
record ScriptCacheKey(String text) {

    /** The key of a script named {@code name} (as compiled, e.g. {@code report.groovy}) with these bytes. */
    static ScriptCacheKey of(Toolchain toolchain, String configuration, String name, byte[] content) {
        return new ScriptCacheKey(String.join("\n",
                "cnsh " + toolchain.cnsh(),
                "build " + toolchain.build(),
                "java " + toolchain.jdk(),
                "groovy " + toolchain.groovy(),
                "class path " + hex(sha256(toolchain.classPath().getBytes(StandardCharsets.UTF_8))),
                "compiler " + configuration,
                "script " + name,
                "sha-256 " + hex(sha256(content))));
    }

    /** The name of the entry's file in the cache directory. */
    String fileName() {
        return hex(sha256(text.getBytes(StandardCharsets.UTF_8))) + ".classes";
    }

    /**
     * What in {@code c} changes the class files, in one line; empty when {@code c} holds something
     * that cannot be told apart from the outside (a compilation customizer, a bytecode
     * post-processor, another parser), so that such a configuration is never cached.
     */
    static Optional<String> describe(CompilerConfiguration c) {
        if (!c.getCompilationCustomizers().isEmpty() || c.getBytecodePostprocessor() != null) {
            return Optional.empty();
        }
        String parser;
        if (c.getPluginFactory() instanceof DslParserPluginFactory dsl) {
            parser = "dsl " + new TreeSet<>(dsl.rewriter().resources());
        } else {
            return Optional.empty();
        }
        return Optional.of(String.join("; ",
                "parser " + parser,
                "base " + c.getScriptBaseClass(),
                "target " + c.getTargetBytecode(),
                "encoding " + c.getSourceEncoding(),
                "parameters " + c.getParameters(),
                "preview " + c.isPreviewFeatures(),
                "debug " + c.getDebug(),
                "optimization " + (c.getOptimizationOptions() == null ? "{}" : new TreeMap<>(c.getOptimizationOptions())),
                "disabled " + (c.getDisabledGlobalASTTransformations() == null
                        ? "[]" : new TreeSet<>(c.getDisabledGlobalASTTransformations())),
                "class path " + c.getClasspath()));
    }

    /**
     * The versions a compiled script was made with. {@code build} changes whenever cnsh's own classes
     * change: the size and time of cnsh's jar, or, run from a directory of classes (development), a
     * digest of every file's name, size and time in it, so an entry of an older build is never used.
     */
    record Toolchain(String cnsh, String build, String jdk, String groovy, String classPath) {

        /** This process's versions; empty when cnsh's build cannot be told (no jar or class directory). */
        static Optional<Toolchain> current() {
            return location(ScriptCacheKey.class).flatMap(Toolchain::buildId).map(build -> new Toolchain(
                    Optional.ofNullable(ScriptCacheKey.class.getPackage().getImplementationVersion()).orElse("development"),
                    build,
                    System.getProperty("java.version") + " " + System.getProperty("java.vm.version"),
                    GroovySystem.getVersion(),
                    System.getProperty("java.class.path", "")));
        }

        /** The build id of cnsh loaded from {@code where} (a jar or a directory of classes); empty for anything else. */
        static Optional<String> buildId(Path where) {
            try {
                if (Files.isRegularFile(where)) {
                    BasicFileAttributes a = Files.readAttributes(where, BasicFileAttributes.class);
                    return Optional.of("jar " + a.size() + " " + a.lastModifiedTime());
                }
                if (Files.isDirectory(where)) {
                    return Optional.of("classes " + directoryDigest(where));
                }
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }

        private static Optional<Path> location(Class<?> anchor) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(source.getLocation().toURI()));
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                return Optional.empty();
            }
        }

        private static String directoryDigest(Path dir) throws IOException {
            MessageDigest digest = newSha256();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                digest.update((dir.relativize(f) + " " + a.size() + " " + a.lastModifiedTime() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return hex(digest.digest());
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256(bytes, bytes.length);
    }

    /** The SHA-256 of the first {@code length} bytes of {@code bytes}. */
    static byte[] sha256(byte[] bytes, int length) {
        MessageDigest digest = newSha256();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
