package io.cnsh.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jline.reader.Candidate;

/** File names for {@code /load} and {@code /save}: the entries of the directory being typed. */
final class FileCandidates {

    private FileCandidates() {
    }

    /** Candidates for a path typed so far ({@code ""}, {@code scr}, {@code scripts/b}). */
    static List<Candidate> complete(String typed) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart.startsWith("~/")
                ? System.getProperty("user.home") + dirPart.substring(1) : dirPart);
        List<Candidate> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().limit(500).forEach(p -> {
                String name = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p);
                out.add(new Candidate(dirPart + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""),
                        null, null, null, null, !isDir));
            });
        } catch (IOException e) {
            // An unreadable directory offers nothing.
        }
        return out;
    }
}
