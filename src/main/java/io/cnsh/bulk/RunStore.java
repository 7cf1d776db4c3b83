package io.cnsh.bulk;

import io.cnsh.client.CnshHome;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of bulk-run journals and results CSVs ({@code $CNSH_HOME/runs/}, owner-only).
 * A run id names both files: {@code ID.jsonl} and {@code ID.results.csv}.
 */
public final class RunStore {

    private static final Pattern ID = Pattern.compile("[a-z]+-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;

    private RunStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** The runs kept in this directory. */
    public static RunStore at(Path dir) {
        return new RunStore(dir, Clock.systemUTC());
    }

    /** The runs of a cnsh home: {@code HOME/runs}. */
    public static RunStore of(CnshHome home) {
        return at(home.runs());
    }

    /** The runs of {@code $CNSH_HOME} in this environment (default {@code ~/.cnsh}). */
    public static RunStore fromEnvironment(Map<String, String> env) {
        return of(CnshHome.fromEnvironment(env));
    }

    /** The same directory with another clock for run ids. */
    public RunStore withClock(Clock clock) {
        return new RunStore(dir, clock);
    }

    public Path dir() {
        return dir;
    }

    /** A new run of this kind; creates the directory (owner-only) when needed, not the files. */
    public Run create(Plan.Kind kind) {
        return create(kind.label());
    }

    /** A new run whose id starts with {@code label} (lower-case letters, e.g. {@code code}). */
    public Run create(String label) {
        try {
            if (!Files.isDirectory(dir)) {
                OwnerOnlyFiles.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new BulkException("cannot create the runs directory " + dir + ": " + e.getMessage(), e);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = label + "-" + STAMP.format(clock.instant()) + "-"
                    + String.format("%04x", RANDOM.nextInt(0x10000));
            Run run = run(id);
            if (!Files.exists(run.journal())) {
                return run;
            }
        }
        throw new BulkException("cannot find a free run id in " + dir);
    }

    /** An existing run. */
    public Run open(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BulkException("'" + id + "' is not a run id (they look like update-20250301-142233-7f3a);"
                    + " runs in " + dir + ": " + recent());
        }
        Run run = run(id);
        if (!Files.isRegularFile(run.journal())) {
            throw new BulkException("no run " + id + " in " + dir + "; runs there: " + recent());
        }
        return run;
    }

    /** The ids of the runs in the directory, oldest first. */
    public List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length()))
                    .filter(n -> ID.matcher(n).matches())
                    .sorted((a, b) -> a.substring(a.indexOf('-')).compareTo(b.substring(b.indexOf('-'))))
                    .toList();
        } catch (IOException e) {
            throw new BulkException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a run's files (journal, results CSV, a set-aside torn line).
     *
     * @throws BulkException naming the file that could not be removed
     */
    public void remove(Run run) {
        for (Path p : List.of(run.journal(), run.results(), run.journal().resolveSibling(run.id() + ".jsonl.torn"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new BulkException("cannot remove " + p + ": " + RunFiles.reason(e), e);
            }
        }
    }

    private String recent() {
        List<String> ids = ids();
        if (ids.isEmpty()) {
            return "none";
        }
        List<String> last = ids.subList(Math.max(0, ids.size() - 5), ids.size());
        return String.join(", ", last) + (ids.size() > last.size() ? " (and " + (ids.size() - last.size()) + " older)" : "");
    }

    private Run run(String id) {
        return new Run(id, dir.resolve(id + ".jsonl"), dir.resolve(id + ".results.csv"));
    }

    @Override
    public String toString() {
        return "RunStore[" + dir + "]";
    }
}
