package io.cnsh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What the benchmarks of {@code cnsh bench} share: medians, the machine's description, paths, processes. */
final class Bench {

    private Bench() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code median (min-max)} in seconds with two decimals. */
    static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(values), Collections.min(values), Collections.max(values));
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} has them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Cores, memory, JVM and load average, in one line. */
    static String machine() {
        String memory = "unknown memory";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    memory = String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: memory stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + memory + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", load average " + loadAverage();
    }

    /** The java command of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The directory of the build: the one that holds {@code target/} and the {@code ./cnsh} launcher. */
    static Path projectDir() {
        try {
            Path code = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/cnsh.jar or target/classes
            return code.toAbsolutePath().getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a benchmark for
        }
    }

    /** Collects a process's output on a thread and lets the caller wait for a text in it. */
    static final class Screen {
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        Screen(InputStream out) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = out.read(buffer)) > 0; ) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            text.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "cnsh-bench-output");
            reader.setDaemon(true);
            reader.start();
        }

        int length() {
            synchronized (text) {
                return text.length();
            }
        }

        /** Seconds from {@code start} (a {@link System#nanoTime()}) until {@code expected} shows after offset {@code from}. */
        double await(String expected, int from, long start, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            synchronized (text) {
                while (text.indexOf(expected, from) < 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException("no '" + expected + "' within " + timeoutMillis / 1000
                                + " s; output:\n" + tail(text.toString()));
                    }
                    text.wait(left);
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }

        /** What has been read so far. */
        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        /** Everything read, once the stream has ended (or the wait is over). */
        String all(long waitMillis) throws InterruptedException {
            reader.join(waitMillis);
            synchronized (text) {
                return text.toString();
            }
        }

        private static String tail(String s) {
            return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
        }
    }
}
