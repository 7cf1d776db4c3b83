package io.cnsh.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A profile's {@code password_command}: a command (a password manager, a secrets vault) whose first
 * line of output is the API password, run through {@code sh -c} ({@code cmd.exe /c} on Windows)
 * when the password is needed. Its standard error goes to cnsh's own, so a helper may prompt there;
 * its standard input is closed. The password is never logged, never kept on disk and never part of
 * a message: a command that fails, prints nothing or does not finish within the timeout is a
 * {@link ConfigException} naming the profile, not the output.
 *
 * <pre>{@code
 * char[] password = PasswordCommand.run("prod", "pass show contactnow/api");
 * }</pre>
 */
public final class PasswordCommand {

    /** How long a command may take, a password manager's own prompt included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The longest first line read; a password is a line, not a document. */
    private static final int MAX_BYTES = 4096;

    private PasswordCommand() {
    }

    /** The password the command prints, within {@link #TIMEOUT}. */
    public static char[] run(String profile, String command) {
        return run(profile, command, TIMEOUT);
    }

    /** The first line the command prints, without its line break, within {@code timeout}. */
    public static char[] run(String profile, String command, Duration timeout) {
        String what = "password_command of profile '" + profile + "'";
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd.exe", "/c", command) : List.of("sh", "-c", command))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process;
        try {
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new ConfigException(what + " could not be started: " + e.getMessage());
        }
        FirstLine line = new FirstLine(process.getInputStream());
        Thread reader = new Thread(line, "password-command");
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    || !line.read.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                stop(process);
                throw new ConfigException(what + " did not finish within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new ConfigException(what + " was interrupted");
        }
        if (process.exitValue() != 0) {
            throw new ConfigException(what + " failed (exit " + process.exitValue() + ")");
        }
        char[] password = line.value();
        if (password.length == 0) {
            throw new ConfigException(what + " printed no password (its first line is empty)");
        }
        return password;
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads the first line, then drains the rest so that a chatty command never blocks on a full pipe. */
    private static final class FirstLine implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch read = new CountDownLatch(1);

        FirstLine(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try (in) {
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (bytes.size() < MAX_BYTES) {
                        bytes.write(b);
                    }
                }
                read.countDown();
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the command was stopped, or closed its output; what was read stands
            } finally {
                read.countDown();
            }
        }

        char[] value() {
            byte[] b = bytes.toByteArray();
            int n = b.length;
            while (n > 0 && (b[n - 1] == '\r' || b[n - 1] == '\n')) {
                n--;
            }
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(b, 0, n));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            java.util.Arrays.fill(b, (byte) 0);
            return out;
        }
    }
}
