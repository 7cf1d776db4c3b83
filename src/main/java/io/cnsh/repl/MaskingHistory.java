package io.cnsh.repl;

import io.cnsh.model.SecretMasker;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history: JLine's, except that every line has its pin, password and token values
 * masked before it is kept in memory or appended to the file, and that nothing is kept while the
 * shell asks a question (a password, a confirmation).
 */
final class MaskingHistory extends DefaultHistory {

    private volatile boolean paused;

    @Override
    public void add(Instant time, String line) {
        if (!paused) {
            super.add(time, SecretMasker.mask(line));
        }
    }

    /** Stops (true) or resumes (false) keeping lines. */
    void pause(boolean pause) {
        this.paused = pause;
    }
}
