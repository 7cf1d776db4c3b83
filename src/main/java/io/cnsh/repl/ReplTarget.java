package io.cnsh.repl;

import io.cnsh.client.ContactNow;
import io.cnsh.wire.Format;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where the shell's requests go: a label for the prompt, a sentence for the banner, whether it is
 * the sandbox or a production account, the wire format, and the client. The client may be opened
 * lazily (an in-process sandbox takes a second to start), so that the first prompt does not wait
 * for it: {@link #openInBackground()} starts opening it, {@link #client()} waits for it.
 *
 * <pre>{@code
 * ReplTarget t = ReplTarget.builder().label("sandbox").sandbox(true).format(Format.JSON)
 *         .where("in-process sandbox, data in ~/.cnsh/sandbox")
 *         .opener(() -> startSandboxAndBuildClient())
 *         .build();
 * }</pre>
 *
 * <p>Closing the target runs its {@code onClose} action (for example, stopping a sandbox it
 * started); it does not wait for a client that is still being opened.
 */
public final class ReplTarget implements AutoCloseable {

    private final String label;
    private final String where;
    private final boolean sandbox;
    private final boolean production;
    private final Format format;
    private final FutureTask<ContactNow> opening;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AutoCloseable onClose;

    private ReplTarget(Builder b) {
        this.label = Objects.requireNonNull(b.label, "label");
        this.where = b.where == null ? b.label : b.where;
        this.sandbox = b.sandbox;
        this.production = b.production;
        this.format = Objects.requireNonNull(b.format, "format");
        Supplier<ContactNow> opener = Objects.requireNonNull(b.opener, "client or opener");
        this.opening = new FutureTask<>(opener::get);
        this.onClose = b.onClose;
    }

    /** A builder; label, format and a client (or an opener) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The short name shown in the prompt: {@code sandbox}, a profile name, or a host. */
    public String label() {
        return label;
    }

    /** Where writes go, in words, for the banner. */
    public String where() {
        return where;
    }

    /** True for a sandbox, whose data is not a real contact centre's. */
    public boolean isSandbox() {
        return sandbox;
    }

    /** True for a live account: the banner warns and large writes ask first. */
    public boolean isProduction() {
        return production;
    }

    /** The wire format the client speaks. */
    public Format format() {
        return format;
    }

    /** Starts opening the client on a daemon thread, unless that has begun already. */
    public void openInBackground() {
        if (started.compareAndSet(false, true)) {
            Thread t = new Thread(opening, "cnsh-open-" + label);
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The client, opened in this thread if nobody has started opening it yet.
     *
     * @throws RuntimeException the failure of opening it, as thrown by the opener
     * @throws java.util.concurrent.CancellationException when the waiting thread is interrupted
     */
    public ContactNow client() {
        if (started.compareAndSet(false, true)) {
            opening.run();
        }
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while connecting to " + label);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                // Closing at the end of a session or on switching targets; nothing to tell the user.
            }
        }
    }

    @Override
    public String toString() {
        return "ReplTarget[" + label + ", " + format.wireName() + (production ? ", production" : "")
                + (sandbox ? ", sandbox" : "") + "]";
    }

    /** Builds a {@link ReplTarget}. */
    public static final class Builder {
        private String label;
        private String where;
        private boolean sandbox;
        private boolean production;
        private Format format = Format.JSON;
        private Supplier<ContactNow> opener;
        private AutoCloseable onClose;

        private Builder() {
        }

        /** The prompt's name for the target. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /** The banner's sentence for where writes go (default: the label). */
        public Builder where(String where) {
            this.where = where;
            return this;
        }

        /** Marks the target as a sandbox. */
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /** Marks the target as a live production account. */
        public Builder production(boolean production) {
            this.production = production;
            return this;
        }

        /** The wire format (default JSON). */
        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        /** A client that is already open. */
        public Builder client(ContactNow client) {
            Objects.requireNonNull(client, "client");
            this.opener = () -> client;
            return this;
        }

        /** Opens the client when it is first needed or when {@link #openInBackground()} is called. */
        public Builder opener(Supplier<ContactNow> opener) {
            this.opener = opener;
            return this;
        }

        /** Runs when the target is closed. */
        public Builder onClose(AutoCloseable onClose) {
            this.onClose = onClose;
            return this;
        }

        public ReplTarget build() {
            return new ReplTarget(this);
        }
    }
}
