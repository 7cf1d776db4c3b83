package io.cnsh.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only journal of a bulk run: one JSON object per line, each with {@code event} and
 * {@code at}. Lines are written with a plain file stream (a thread interrupt cannot close it half-way)
 * and flushed as they are written; {@link #sync()} forces them to disk. The file is owner-only and
 * locked while a run writes to it, so two processes cannot apply the same run at once. Callers never
 * put secret values into events.
 *
 * <p>Each line is whole or absent. A write that fails part-way (a full disk) is cut back off the file
 * and the journal takes no further events; a last line cut short by a crash is moved to
 * {@code ID.jsonl.torn} when the journal is next opened, so an append never continues a fragment.
 */
final class Journal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** How every event line starts: {@link #write} puts {@code event} first. */
    private static final String EVENT_START = "{\"event\":";

    private final Path file;
    private final FileOutputStream out;
    private final FileLock lock;
    private final Clock clock;
    private final boolean created;
    private final String repair;
    private long length;
    private String failure;

    private Journal(Path file, FileOutputStream out, FileLock lock, Clock clock, boolean created, long length,
                    String repair) {
        this.file = file;
        this.out = out;
        this.lock = lock;
        this.clock = clock;
        this.created = created;
        this.length = length;
        this.repair = repair;
    }

    /**
     * Opens the journal for appending, creating it owner-only when it does not exist. A last line cut
     * short is set aside first (see {@link #repair()}).
     */
    static Journal open(Path file, Clock clock) {
        FileOutputStream out = null;
        try {
            boolean created = !Files.exists(file);
            out = OwnerOnlyFiles.append(file);
            FileLock lock;
            try {
                lock = out.getChannel().tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new BulkException("run " + file.getFileName() + " is being applied by another cnsh process");
            }
            String repair = null;
            long length;
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                length = raf.length();
                if (length > 0) {
                    long whole = wholeLength(raf, length);
                    if (whole < length) {
                        repair = setAside(file, raf, whole, length);
                        length = raf.length();
                    }
                }
            }
            return new Journal(file, out, lock, clock, created, length, repair);
        } catch (IOException e) {
            close(out);
            throw new BulkException("cannot open the journal " + file + ": " + RunFiles.reason(e), e);
        } catch (RuntimeException e) {
            close(out);
            throw e;
        }
    }

    /** The length of the file up to and including its last line break. */
    private static long wholeLength(RandomAccessFile raf, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long end = length;
        while (end > 0) {
            int n = (int) Math.min(buffer.length, end);
            raf.seek(end - n);
            raf.readFully(buffer, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return end - n + i + 1;
                }
            }
            end -= n;
        }
        return 0;
    }

    /**
     * A last line without its line break: a whole event only lost its break, which is added; anything
     * else is a fragment of a write that never finished, copied to {@code FILE.torn} and cut off.
     */
    private static String setAside(Path file, RandomAccessFile raf, long whole, long length) throws IOException {
        byte[] tail = new byte[(int) Math.min(length - whole, Integer.MAX_VALUE - 8)];
        raf.seek(whole);
        raf.readFully(tail);
        if (event(new String(tail, StandardCharsets.UTF_8)) != null) {
            raf.seek(length);
            raf.write('\n');
            return null;
        }
        Path side = file.resolveSibling(file.getFileName() + ".torn");
        String where;
        try {
            try (FileOutputStream f = OwnerOnlyFiles.append(side)) {
                f.write(tail);
                f.write('\n');
            }
            where = "moved to " + side;
        } catch (IOException e) {
            // the fragment is not an event either way; the journal must not end in it
            where = "dropped (" + side + ": " + RunFiles.reason(e) + ")";
        }
        raf.setLength(whole);
        return "the journal's last line was cut short (" + tail.length + " bytes) and was " + where;
    }

    Path file() {
        return file;
    }

    /** What opening the journal had to set aside, in a sentence, or {@code null}. */
    String repair() {
        return repair;
    }

    /** Why the journal takes no more events (a write failed), or {@code null}. */
    synchronized String failure() {
        return failure;
    }

    /** Appends one event: {@code {"event": name, "at": now, ...fields}}, whole or not at all. */
    synchronized void write(String event, Map<String, ?> fields) {
        if (failure != null) {
            throw new BulkException("cannot write the journal " + file + ": " + failure);
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event);
        node.put("at", clock.instant().toString());
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        byte[] line;
        try {
            line = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new BulkException("cannot write a journal event: " + e.getOriginalMessage(), e);
        }
        try {
            out.write(line);
            out.flush();
            length += line.length;
        } catch (IOException e) {
            failure = RunFiles.reason(e);
            cutBack();
            throw new BulkException("cannot write the journal " + file + ": " + failure, e);
        }
    }

    /** Takes the part of a failed write that did reach the file back off it. */
    private void cutBack() {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() > length) {
                raf.setLength(length);
            }
        } catch (IOException e) {
            // the next open sets the fragment aside
        }
    }

    /** Forces what was written to disk, so a crash after this point cannot lose it. */
    synchronized void sync() {
        if (failure != null) {
            throw new BulkException("cannot write the journal " + file + ": " + failure);
        }
        try {
            out.getFD().sync();
        } catch (IOException e) {
            failure = RunFiles.reason(e);
            throw new BulkException("cannot write the journal " + file + ": " + failure, e);
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
        close(out);
        if (created && length == 0) {
            // a journal that never got its first event is no run; leave no empty file behind
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // an empty journal is refused by a resume with a clear message
            }
        }
    }

    private static void close(FileOutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // every event was flushed when written
        }
    }

    /**
     * Fields in the order given ({@code name, value, name, value, ...}), so that every journal line and
     * saved plan lists them the same way on every run ({@code Map.of} has no fixed order).
     */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /**
     * The events of a journal. A last line cut short (a crash while writing it) is left out. A line
     * that an older cnsh appended onto such a fragment is read from where its own event starts; any
     * other damaged line is an error.
     */
    static List<JsonNode> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BulkException("cannot read the journal " + file + ": " + RunFiles.reason(e), e);
        }
        List<JsonNode> events = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            boolean last = end >= bytes.length;
            // decoded line by line: a line cut inside a character spoils only that line
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            start = end + 1;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = event(line);
            if (node != null) {
                events.add(node);
            } else if (!last) {
                List<JsonNode> glued = glued(line);
                if (glued.isEmpty()) {
                    throw new BulkException("the journal " + file + " is damaged at line " + lineNumber
                            + "; it cannot be resumed");
                }
                events.addAll(glued);
            }
        }
        return events;
    }

    /**
     * The events of a line made of a fragment with whole events appended to it, or none when the
     * line does not end in a whole event. JSON escapes every quote inside a string, so an event can
     * only begin where {@code {"event":} stands.
     */
    private static List<JsonNode> glued(String line) {
        List<JsonNode> found = new ArrayList<>();
        int at = 0;
        while (at >= 0) {
            int next = line.indexOf(EVENT_START, at + 1);
            JsonNode node = event(next < 0 ? line.substring(at) : line.substring(at, next));
            if (node != null) {
                found.add(node);
            } else if (next < 0) {
                return List.of();
            }
            at = next;
        }
        return found;
    }

    /** The event a line holds, or {@code null} when it is not one whole event. */
    private static JsonNode event(String line) {
        try {
            JsonNode node = READER.readTree(line);
            return node != null && node.isObject() && node.hasNonNull("event") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
