package io.cnsh.cli;

import groovy.lang.GroovySystem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What {@code cnsh --version} prints: cnsh's version and the Groovy it was built with, both read
 * from the jar's manifest ({@code Implementation-Version}, {@code Cnsh-Groovy-Version}, written by
 * the build), so the answer needs neither picocli's command tree nor Groovy's runtime. Run from a
 * directory of classes, cnsh is "development" and Groovy's version comes from Groovy itself.
 */
final class CnshVersion {

    /** The manifest entry the build writes Groovy's version into. */
    static final String GROOVY_ENTRY = "Cnsh-Groovy-Version";

    private CnshVersion() {
    }

    /** cnsh's version, e.g. {@code 0.1.0}, or {@code development} when run from classes. */
    static String cnsh() {
        String v = CnshVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The one line of {@code cnsh --version}, e.g. {@code cnsh 0.1.0 (Groovy 5.0.8, Java 17.0.17)}. */
    static String line() {
        return "cnsh " + cnsh() + " (Groovy " + groovy() + ", Java " + System.getProperty("java.version") + ")";
    }

    private static String groovy() {
        String fromManifest = manifestEntry(GROOVY_ENTRY);
        return fromManifest != null ? fromManifest : GroovySystem.getVersion();
    }

    private static String manifestEntry(String name) {
        CodeSource source = CnshVersion.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Manifest manifest = file.getManifest();
                return manifest == null ? null : manifest.getMainAttributes().getValue(name);
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
