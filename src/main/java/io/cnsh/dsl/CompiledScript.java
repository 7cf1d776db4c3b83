package io.cnsh.dsl;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.tools.GroovyClass;

/**
 * A script compiled to class files: the name of its script class and the bytes of every class the
 * compiler made for it (the script, its closures, the classes it declares). It is compiled once,
 * possibly stored by {@link ScriptCache}, and {@linkplain #load loaded} into a class loader of its
 * own in each run, so a run from the cache and a run that has just compiled load the very same bytes.
 *
 * <p>Stored form ({@link #encode}): a format line, the entry's key, the script class, the classes
 * (name, length, bytes), then the SHA-256 of all that; {@link #decode} refuses anything that does
 * not check out, so a torn or damaged entry reads as no entry.
 */
final class CompiledScript {

    private static final String FORMAT = "cnsh compiled script 1";
    private static final int DIGEST_BYTES = 32;

    private final String mainClass;
    private final Map<String, byte[]> classes;

    private CompiledScript(String mainClass, Map<String, byte[]> classes) {
        this.mainClass = mainClass;
        this.classes = Collections.unmodifiableMap(classes);
    }

    /**
     * Compiles {@code source} as {@code GroovyShell} would (same configuration, classes resolved
     * through {@code parent}), to class files in memory.
     *
     * @throws CompilationFailedException for a script that does not compile (never cached)
     */
    static CompiledScript compile(GroovyCodeSource source, CompilerConfiguration configuration, ClassLoader parent) {
        GroovyClassLoader resolver = new GroovyClassLoader(parent, configuration);
        CompilationUnit unit = new CompilationUnit(configuration, source.getCodeSource(), resolver);
        SourceUnit su = unit.addSource(source.getName(), source.getScriptText());
        unit.compile(Phases.CLASS_GENERATION);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (GroovyClass c : unit.getClasses()) {
            classes.put(c.getName(), c.getBytes());
        }
        ModuleNode module = su.getAST();
        String main = module.getMainClassName();
        if (main == null || !classes.containsKey(main)) {
            main = module.getClasses().get(0).getName();
        }
        return new CompiledScript(main, classes);
    }

    /** The script class, defined with its companions in a new class loader under {@code parent}. */
    Class<?> load(ClassLoader parent, CompilerConfiguration configuration) throws ClassNotFoundException {
        return new BytesLoader(parent, configuration, classes).loadClass(mainClass);
    }

    String mainClass() {
        return mainClass;
    }

    /** How many classes the compiler made for the script. */
    int size() {
        return classes.size();
    }

    /** The stored form of this script under {@code key} (see the class comment). */
    byte[] encode(String key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(key);
            out.writeUTF(mainClass);
            out.writeInt(classes.size());
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().length);
                out.write(c.getValue());
            }
            out.flush();
            out.write(ScriptCacheKey.sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** The script stored in {@code data} under {@code key}, or empty when it is damaged or another key's. */
    static Optional<CompiledScript> decode(byte[] data, String key) {
        int body = data.length - DIGEST_BYTES;
        if (body <= 0 || !MessageDigest.isEqual(ScriptCacheKey.sha256(data, body), Arrays.copyOfRange(data, body, data.length))) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, body))) {
            if (!FORMAT.equals(in.readUTF()) || !key.equals(in.readUTF())) {
                return Optional.empty();
            }
            String main = in.readUTF();
            int count = in.readInt();
            if (count <= 0 || count > body) {
                return Optional.empty();
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    return Optional.empty();
                }
                classes.put(name, in.readNBytes(length));
            }
            if (in.available() != 0 || !classes.containsKey(main)) {
                return Optional.empty();
            }
            return Optional.of(new CompiledScript(main, classes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Defines a script's classes from their bytes when they are first asked for. A Groovy class
     * loader, as the one {@code GroovyShell} defines scripts in, so that what a script does with
     * its own class loader (compile more code, {@code @Grab}) works the same.
     */
    private static final class BytesLoader extends GroovyClassLoader {
        private final Map<String, byte[]> classes;

        BytesLoader(ClassLoader parent, CompilerConfiguration configuration, Map<String, byte[]> classes) {
            super(parent, configuration);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
