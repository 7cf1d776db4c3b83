package io.cnsh.cli;

import io.cnsh.dsl.ScriptExit;
import io.cnsh.model.ContactNowException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

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
 *
 * <p>The JDK's signal API ({@code sun.misc.Signal} in module {@code jdk.unsupported}) is reached
 * through reflection: it is the only way to handle a signal in Java 17, and naming it in source makes
 * javac warn on every build. Where it is missing, signals keep their default effect.
 */
final class SignalStop implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};
    private static final SignalApi API = SignalApi.find();

    private final Thread thread;
    private final PrintWriter err;
    private final Map<Object, Object> previous = new LinkedHashMap<>();
    private volatile Received received;

    /** A signal that arrived: its name without {@code SIG} and its number. */
    private record Received(String name, int number) {
    }

    private SignalStop(Thread thread, PrintWriter err) {
        this.thread = thread;
        this.err = err;
    }

    /** Handles SIGINT and SIGTERM for the calling thread until closed. */
    static SignalStop install(PrintWriter err) {
        SignalStop stop = new SignalStop(Thread.currentThread(), err);
        if (API != null) {
            Object handler = API.handler(stop::handle);
            for (String name : SIGNALS) {
                Object signal = API.signal(name);
                if (signal != null) {
                    Object before = API.handle(signal, handler);
                    if (before != null) {
                        stop.previous.put(signal, before);
                    }
                }
            }
        }
        return stop;
    }

    private void handle(Received signal) {
        if (received != null) {
            Runtime.getRuntime().halt(128 + signal.number());
        }
        received = signal;
        err.println("cnsh: SIG" + signal.name() + ": stopping after the request in flight (again to quit at once)");
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
        Received s = received;
        return s == null ? scriptCode : 128 + s.number();
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> API.handle(signal, handler));
        if (received != null) {
            Thread.interrupted();
        }
    }

    /** {@code sun.misc.Signal} and {@code SignalHandler}, found at run time. */
    private record SignalApi(Constructor<?> newSignal, Method handle, Method name, Method number, Class<?> handlerType) {

        static SignalApi find() {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                return new SignalApi(signal.getConstructor(String.class), signal.getMethod("handle", signal, handler),
                        signal.getMethod("getName"), signal.getMethod("getNumber"), handler);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        /** The signal of that name, or null where this platform or JVM ({@code -Xrs}) keeps it to itself. */
        Object signal(String name) {
            try {
                return newSignal.newInstance(name);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }

        /** Installs a handler and returns the one it replaces, or null when the JVM refuses. */
        Object handle(Object signal, Object handler) {
            try {
                return handle.invoke(null, signal, handler);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }

        /** A {@code SignalHandler} that passes each signal on as name and number. */
        Object handler(java.util.function.Consumer<Received> target) {
            return Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> target.accept(new Received((String) name.invoke(args[0]), (Integer) number.invoke(args[0])));
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "toString" -> {
                        return "cnsh signal stop";
                    }
                    default -> {
                    }
                }
                return null;
            });
        }
    }
}
