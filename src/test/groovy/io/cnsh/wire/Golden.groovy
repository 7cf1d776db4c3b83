package io.cnsh.wire

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** The golden wire samples under {@code src/test/resources/wire}, by path relative to that folder. */
final class Golden {

    private Golden() {
    }

    static Path root() {
        URL url = Golden.getResource('/wire/README.md')
        assert url != null: 'golden samples are not on the test classpath'
        Paths.get(url.toURI()).parent
    }

    static byte[] bytes(String file) {
        Path p = root().resolve(file)
        assert Files.isRegularFile(p): "no golden file $file"
        Files.readAllBytes(p)
    }

    static String text(String file) {
        new String(bytes(file), 'UTF-8')
    }

    /** Every file of the golden folder, as sorted relative paths with '/' separators. */
    static List<String> allFiles() {
        Path r = root()
        Files.walk(r).withCloseable { s ->
            s.filter { Files.isRegularFile(it) }
                    .collect { r.relativize(it).toString().replace(File.separatorChar, '/' as char) }
                    .sort()
        }
    }
}
