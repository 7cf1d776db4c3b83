package io.cnsh.repl;

import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history: JLine's, except that every line is masked by the session's
 * {@link SessionSecrets} before it is kept in memory or appended to the file (lines read back
 * from the file too), and that nothing is kept while the shell asks a question (a password, a
 * confirmation). When the session learns a secret value after the line that typed it was kept
 * ({@code def p = '482913'}, then {@code pin: p}), {@link #catchUp} masks the lines again, in
 * memory and in the file, and replaces the file whole.
 */
final class MaskingHistory extends DefaultHistory {

    /** How the history file is replaced whole; specs inject a failing one. */
    @FunctionalInterface
    interface FileReplacer {

        FileReplacer OWNER_ONLY = (file, filler) -> OwnerOnlyFiles.replace(file, "history", filler);

        void replace(Path file, OwnerOnlyFiles.FileFiller filler) throws IOException;
    }

    private final SessionSecrets secrets;
    private final FileReplacer replacer;
    private volatile boolean paused;
    private int maskedWith;
    private LineReader reader;

    MaskingHistory(SessionSecrets secrets) {
        this(secrets, FileReplacer.OWNER_ONLY);
    }

    MaskingHistory(SessionSecrets secrets, FileReplacer replacer) {
        this.secrets = secrets;
        this.replacer = replacer;
    }

    @Override
    public void add(Instant time, String line) {
        if (!paused) {
            super.add(time, secrets.mask(line));
        }
    }

    /**
     * Every entry, typed or read from the file, passes here. Lines in the file were masked by name
     * when they were kept, so until the session knows a value the start-up load (up to 5,000
     * lines, before the first prompt) reads them as they are.
     */
    @Override
    protected void internalAdd(Instant time, String line, boolean checkDuplicates) {
        super.internalAdd(time, secrets.learned() == 0 ? line : secrets.mask(line), checkDuplicates);
    }

    @Override
    public void attach(LineReader reader) {
        this.reader = reader;
        super.attach(reader);
    }

    /** Stops (true) or resumes (false) keeping lines. */
    void pause(boolean pause) {
        this.paused = pause;
    }

    /**
     * When values were learned since the last call, reads the history file again (masking every
     * line with all values known now, lines other sessions appended included), and replaces the
     * file whole with the masked lines: written to an owner-only temporary file beside it, then
     * renamed. Without a file, masks the lines in memory.
     *
     * @return false when nothing needed masking again
     * @throws IOException when the file cannot be read or replaced; it is then left as it was
     */
    synchronized boolean catchUp() throws IOException {
        int learned = secrets.learned();
        if (learned == maskedWith) {
            return false;
        }
        Path file = file();
        if (file == null || !Files.exists(file)) {
            List<Entry> entries = new ArrayList<>();
            iterator().forEachRemaining(entries::add);
            purge();
            entries.forEach(e -> internalAdd(e.time(), e.line(), false));
        } else {
            load();
            replacer.replace(file, tmp -> write(tmp, false));
            load();
        }
        // Only now: after a failure the next call tries again.
        maskedWith = learned;
        return true;
    }

    /** The history file the reader was given, if any. */
    Path file() {
        Object v = reader == null ? null : reader.getVariable(LineReader.HISTORY_FILE);
        return v instanceof Path p ? p : v == null ? null : Path.of(v.toString());
    }
}
