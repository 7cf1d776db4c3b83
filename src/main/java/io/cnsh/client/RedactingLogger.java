package io.cnsh.client;

import java.util.function.Consumer;

/**
 * Feign's request log ({@code --->} for requests, {@code <---} for answers) with every secret
 * masked by a {@link Redactor} before the line reaches its sink.
 */
final class RedactingLogger extends feign.Logger {

    private final Redactor redactor;
    private final Consumer<String> sink;

    RedactingLogger(Redactor redactor, Consumer<String> sink) {
        this.redactor = redactor;
        this.sink = sink;
    }

    /**
     * Says nothing of a repetition: the request line that follows shows it, and a log's
     * {@code --->} lines are the requests that were sent.
     */
    @Override
    protected void logRetry(String configKey, Level logLevel) {
    }

    @Override
    protected void log(String configKey, String format, Object... args) {
        sink.accept(redactor.redact(String.format(methodTag(configKey) + format, args)));
    }
}
