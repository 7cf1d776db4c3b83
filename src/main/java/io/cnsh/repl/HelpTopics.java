package io.cnsh.repl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The help topics of {@code /help TOPIC}: the pages of {@code dsl-docs/}, which the build copies
 * into the jar under the same name. A topic is a page's file name without {@code .md}.
 */
final class HelpTopics {

    static final String ROOT = "dsl-docs";

    private final ClassLoader loader;

    HelpTopics(ClassLoader loader) {
        this.loader = loader;
    }

    /** The topics there are, sorted; empty when the pages are not on the class path. */
    List<String> names() {
        URL root = loader.getResource(ROOT + "/");
        if (root == null) {
            return List.of();
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                return listInJar(uri);
            }
            return list(Path.of(uri));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    /** The text of a topic's page. */
    Optional<String> page(String topic) {
        if (!topic.matches("[A-Za-z0-9_.-]+")) {
            return Optional.empty();
        }
        String name = topic.endsWith(".md") ? topic : topic + ".md";
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> listInJar(URI uri) throws IOException {
        FileSystem fs;
        boolean ours;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
            ours = true;
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
            ours = false;
        }
        try {
            return list(fs.getPath(ROOT));
        } finally {
            if (ours) {
                fs.close();
            }
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
    }
}
