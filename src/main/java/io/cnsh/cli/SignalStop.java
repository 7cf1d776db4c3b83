package io.cnsh.cli;

import io.cnsh.dsl.ScriptExit;
import io.cnsh.model.ContactNowException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a clean stop of the script that {@code cnsh run}, {@code cnsh FILE}
 * or {@code cnsh -e} is running, as the shell does for {@code /load}: the first signal interrupts the
 * script's thread, so a bulk run finishes or abandons the batch in flight, journals its end, writes its
 * results CSV and prints how to resume; a second signal ends the process at once (the journal is made
 * to survive that too). The exit code after a stop is 128 + the signal's number: 130 for SIGINT, 143 for
 * SIGTERM.
 *
 * <pre>{@code
 * try (Target t = main.openTarget(options); SignalStop stop = SignalStop.install(err)) {
 *     return stop.run(() -> runScript(t));   // the script's exit code, or 130 / 143 after a signal
 * }
 * }</pre>
 *
 * <p>Closing it puts the previous handlers back and clears an interrupt it caused, so that closing the
 * target afterwards (an in-process sandbox writes its database) is not cut short.
 */
final class SignalStop implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Thread thread;
    private final PrintWriter err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private SignalStop(Thread thread, PrintWriter err) {
        this.thread = thread;
        this.err = err;
    }

    /** Handles SIGINT and SIGTERM for the calling thread until closed. */
    static SignalStop install(PrintWriter err) {
        SignalStop stop = new SignalStop(Thread.currentThread(), err);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                stop.previous.put(signal, Signal.handle(signal, stop::handle));
            } catch (IllegalArgumentException e) {
                // this platform or JVM (-Xrs) keeps the signal to itself: it stops the process as before
            }
        }
        return stop;
    }

    private void handle(Signal signal) {
        if (received != null) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        received = signal;
        err.println("cnsh: SIG" + signal.getName() + ": stopping after the request in flight (again to quit at once)");
        err.flush();
        thread.interrupt();
    }

    /**
     * Runs a script and returns its exit code ({@link ScriptExit} included). After a signal the code
     * is 128 + the signal's number, and a failure the interrupt caused is one line, not an error trace.
     */
    int run(IntSupplier script) {
        try {
            return exitCode(script.getAsInt());
        } catch (ScriptExit e) {
            return exitCode(e.code());
        } catch (Exception e) {
            if (received == null) {
                throw e;
            }
            err.println("cnsh: stopped" + (e instanceof ContactNowException ? ": " + e.getMessage() : ""));
            err.flush();
            return exitCode(Main.ERROR);
        }
    }

    /** True once a signal asked the script to stop. */
    boolean requested() {
        return received != null;
    }

    /** The script's own exit code, or 128 + the signal's number when a signal stopped it. */
    int exitCode(int scriptCode) {
        Signal s = received;
        return s == null ? scriptCode : 128 + s.getNumber();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        if (received != null) {
            Thread.interrupted();
        }
    }
}
