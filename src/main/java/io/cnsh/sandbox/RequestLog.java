package io.cnsh.sandbox;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the sandbox reports each request it answered, one entry per request. Entries never hold
 * argument values, so tokens, API credentials and agent pins or passwords cannot reach a log.
 *
 * <pre>{@code
 * SandboxServer.builder().requestLog(RequestLog.to(System.err))...   // the standalone server's default
 * List<String> lines = new CopyOnWriteArrayList<>();
 * SandboxServer.builder().requestLog(RequestLog.lines(lines::add))... // collect lines in a test
 * }</pre>
 */
@FunctionalInterface
public interface RequestLog {

    /**
     * Called once per request, from a server thread, just before its answer is sent (or the
     * connection dropped), so a client holding an answer finds its entry already recorded.
     */
    void record(Entry entry);

    /** A log that keeps nothing; the in-process default. */
    static RequestLog silent() {
        return entry -> { };
    }

    /** A log that prints {@link Entry#line()} to a stream, one line per request. */
    static RequestLog to(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return entry -> out.println(entry.line());
    }

    /** A log that hands each {@link Entry#line()} to a consumer. */
    static RequestLog lines(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return entry -> sink.accept(entry.line());
    }

    /**
     * One request and how it ended.
     *
     * @param at         when it arrived, by the server's clock
     * @param client     the caller's address (the test override when one was honoured)
     * @param httpMethod {@code GET} or {@code POST}
     * @param path       the path without its query, e.g. {@code /api/database.php}
     * @param operation  what was asked, e.g. {@code agents/create} or {@code token/get}; {@code ?} for
     *                   an unknown method or action
     * @param format     the wire format of the answer
     * @param records    records in the payload of a write or in the list of a read, else 0
     * @param outcome    {@code ok}, {@code ok total=2 bad=1}, {@code error: Unknown token},
     *                   {@code fault: reset}...
     * @param status     the HTTP status sent, or 0 when the connection was closed unanswered
     * @param millis     time from arrival until the answer was ready
     */
    record Entry(Instant at, String client, String httpMethod, String path, String operation, String format,
                 int records, String outcome, int status, long millis) {

        /** The entry as one grep-able line, e.g. {@code sandbox 127.0.0.1 POST /database.php agents/create json records=1 -> 200 ok total=1 bad=0 (3 ms)}. */
        public String line() {
            return "sandbox " + client + " " + httpMethod + " " + path + " " + operation + " " + format
                    + " records=" + records + " -> " + status + " " + outcome + " (" + millis + " ms)";
        }
    }
}
