package io.cnsh.bulk;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Progress as plain lines, one per update: for logs, pipes and tests. */
final class LineProgress implements Progress {

    private final PrintWriter out;
    private final Clock clock;
    private String task = "apply";
    private long total;
    private long done;
    private long bad;
    private Instant started;

    LineProgress(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.started = clock.instant();
        out.println(task + ": " + total + " row" + (total == 1 ? "" : "s") + " to send");
        out.flush();
    }

    @Override
    public void update(long done, long bad) {
        this.done = done;
        this.bad = bad;
        double seconds = Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        double rate = done / seconds;
        String eta = rate > 0 ? clock(Math.round((total - done) / rate)) : "?";
        out.println(task + ": " + done + "/" + total + " rows, " + bad + " bad, "
                + String.format(Locale.ROOT, "%.1f", rate) + " rows/s, ETA " + eta);
        out.flush();
    }

    @Override
    public void finish() {
        long millis = started == null ? 0 : Duration.between(started, clock.instant()).toMillis();
        out.println(task + ": finished " + done + "/" + total + " rows, " + bad + " bad, in "
                + String.format(Locale.ROOT, "%.1f", millis / 1000.0) + " s");
        out.flush();
    }

    private static String clock(long seconds) {
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }
}
