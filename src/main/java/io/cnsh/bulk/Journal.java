package io.cnsh.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only journal of a bulk run: one JSON object per line, each with {@code event} and
 * {@code at}. Lines are written with a plain file stream (a thread interrupt cannot close it half-way)
 * and flushed as they are written; {@link #sync()} forces them to disk. The file is owner-only and
 * locked while a run writes to it, so two processes cannot apply the same run at once. Callers never
 * put secret values into events.
 */
final class Journal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileOutputStream out;
    private final FileLock lock;
    private final Clock clock;

    private Journal(Path file, FileOutputStream out, FileLock lock, Clock clock) {
        this.file = file;
        this.out = out;
        this.lock = lock;
        this.clock = clock;
    }

    /** Opens the journal for appending, creating it owner-only when it does not exist. */
    static Journal open(Path file, Clock clock) {
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
            FileOutputStream out = new FileOutputStream(file.toFile(), true);
            FileLock lock;
            try {
                lock = out.getChannel().tryLock();
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                out.close();
                throw new BulkException("run " + file.getFileName() + " is being applied by another cnsh process");
            }
            return new Journal(file, out, lock, clock);
        } catch (IOException e) {
            throw new BulkException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Appends one event: {@code {"event": name, "at": now, ...fields}}. */
    synchronized void write(String event, Map<String, ?> fields) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event);
        node.put("at", clock.instant().toString());
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        try {
            out.write((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new BulkException("cannot write a journal event: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BulkException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces what was written to disk, so a crash after this point cannot lose it. */
    synchronized void sync() {
        try {
            out.getFD().sync();
        } catch (IOException e) {
            throw new BulkException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the stream below releases it as well
        }
        try {
            out.close();
        } catch (IOException e) {
            // every event was flushed when written
        }
    }

    /**
     * The events of a journal. A last line cut short (a crash while writing it) is left out; a damaged
     * line before the last is an error.
     */
    static List<JsonNode> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BulkException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject() || !node.hasNonNull("event")) {
                    throw new IOException("not an event");
                }
                events.add(node);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new BulkException("the journal " + file + " is damaged at line " + (i + 1)
                        + "; it cannot be resumed");
            }
        }
        return events;
    }
}
