package io.cnsh.bulk;

import io.cnsh.client.CnshHome;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of bulk-run journals and results CSVs ({@code $CNSH_HOME/runs/}, owner-only).
 * A run id names both files: {@code ID.jsonl} and {@code ID.results.csv}.
 */
public final class RunStore {

    private static final Pattern ID = Pattern.compile("[a-z]+-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");
    /** The CSV a revert is applied from ({@link Reverter#csvFile}). */
    private static final Pattern REVERT_CSV = Pattern.compile("revert-[a-z]+-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}-[0-9a-f]{4}\\.csv");
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
     * Removes a run's files (journal, results CSV, a set-aside torn line, and the {@code revert-*.csv} a
     * revert run was applied from, when it is kept in this directory), unless another process holds the
     * run's journal: the journal's lock is held while the files go, so a run being applied or resumed
     * cannot lose its journal under it.
     *
     * @return false, with nothing removed, when the run is being applied by another cnsh process
     * @throws BulkException naming the file that could not be removed
     */
    public boolean remove(Run run) {
        try (FileChannel channel = FileChannel.open(run.journal(), StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return false;
            }
            List<Path> files = new ArrayList<>(List.of(run.results(), run.journal().resolveSibling(run.id() + ".jsonl.torn")));
            revertInput(run).ifPresent(files::add);
            files.add(run.journal());
            for (Path p : files) {
                delete(p);
            }
            return true;
        } catch (NoSuchFileException e) {
            delete(run.results());
            return true;
        } catch (IOException e) {
            throw new BulkException("cannot remove " + run.journal() + ": " + RunFiles.reason(e), e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new BulkException("cannot remove " + p + ": " + RunFiles.reason(e), e);
        }
    }

    /** The {@code revert-*.csv} in this directory that {@code run} was applied from, if it was a revert's. */
    private Optional<Path> revertInput(Run run) {
        try {
            List<com.fasterxml.jackson.databind.JsonNode> events = Journal.read(run.journal());
            if (events.isEmpty()) {
                return Optional.empty();
            }
            String input = events.get(0).path("input").asText("");
            if (input.isEmpty()) {
                return Optional.empty();
            }
            Path file = Path.of(input).toAbsolutePath().normalize();
            boolean here = file.getParent() != null && file.getParent().equals(dir.toAbsolutePath().normalize());
            return here && REVERT_CSV.matcher(file.getFileName().toString()).matches() ? Optional.of(file) : Optional.empty();
        } catch (BulkException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
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
