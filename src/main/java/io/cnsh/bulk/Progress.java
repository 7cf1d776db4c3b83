package io.cnsh.bulk;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * Shows how far a bulk apply has got: rows done of the total, rows that failed, the rate and the
 * time left. {@link #auto(PrintWriter)} picks a progress bar on a terminal and plain lines
 * otherwise (logs, pipes, tests).
 */
public interface Progress {

    /** A run of {@code total} rows begins; {@code task} is a short label such as {@code update}. */
    void start(String task, long total);

    /** So far {@code done} rows have a final status, {@code bad} of them failed. */
    void update(long done, long bad);

    /** The run is over (complete or stopped). */
    void finish();

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void update(long done, long bad) {
            }

            @Override
            public void finish() {
            }
        };
    }

    /** One plain line per update, e.g. {@code update: 200/3000 rows, 0 bad, 310 rows/s, ETA 0:09}. */
    static Progress lines(PrintWriter out) {
        return new LineProgress(out, Clock.systemUTC());
    }

    /** Plain lines, timed by this clock. */
    static Progress lines(PrintWriter out, Clock clock) {
        return new LineProgress(out, clock);
    }

    /** A progress bar redrawn in place on the process's standard error (a terminal). */
    static Progress bar() {
        return new BarProgress();
    }

    /**
     * A bar when this process runs on a terminal (and {@code TERM} is not {@code dumb}), else plain
     * lines to {@code err}.
     */
    static Progress auto(PrintWriter err) {
        String term = System.getenv("TERM");
        boolean terminal = System.console() != null && term != null && !term.equals("dumb");
        return terminal ? bar() : lines(err);
    }
}
