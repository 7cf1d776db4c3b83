package io.cnsh.bench;

import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load run against a sandbox: many concurrent HTTP clients on loopback for a while, mixing
 * reads and updates, then the throughput, latency percentiles and error count. A benchmark, not
 * a test: the build never runs it.
 *
 * <pre>
 * java -cp target/cnsh.jar io.cnsh.bench.SandboxLoadBenchmark --clients 100 --duration 30
 * </pre>
 *
 * <p>Each client has its own {@link HttpClient} (so its own connection) and its own seeded
 * {@link Random}. Reads are by agent id, by campaign with a page of 20, or the statement filter
 * {@code != 999} sorted by name with a page of 50; updates set one field of one demo agent. An
 * answer counts as an error unless it is HTTP 200 with {@code "success":true}. Without
 * {@code --url} the run starts an in-memory sandbox with the demo seed in this JVM.
 */
public final class SandboxLoadBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f]{40})\"");

    /**
     * What to run.
     *
     * @param clients   concurrent clients
     * @param duration  measured time
     * @param warmup    time before measuring, not counted
     * @param readShare share of reads (0 to 1); the rest are updates
     * @param url       base URL of a running sandbox, or {@code null} to start one in this JVM
     * @param user      API username
     * @param password  API password
     * @param threads   request threads of the in-process sandbox
     * @param data      data directory of the in-process sandbox (its database file), or {@code null} for memory
     */
    public record Options(int clients, Duration duration, Duration warmup, double readShare, URI url,
                          String user, String password, int threads, Path data) {

        /** The defaults: 100 clients, 30 s after a 5 s warm-up, 80% reads, an in-process sandbox in memory. */
        public static Options defaults() {
            return new Options(100, Duration.ofSeconds(30), Duration.ofSeconds(5), 0.8, null, "demo", "demo", 32, null);
        }

        /** These options with the in-process sandbox's agents in a database file under {@code dir}. */
        public Options withData(Path dir) {
            return new Options(clients, duration, warmup, readShare, url, user, password, threads, dir);
        }

        @Override
        public String toString() {
            return "Options[clients=" + clients + ", duration=" + duration + ", warmup=" + warmup
                    + ", readShare=" + readShare + ", url=" + url + ", user=" + user + ", password=****, data=" + data + "]";
        }
    }

    /**
     * What a run measured.
     *
     * @param requests requests answered in the measured time (errors included)
     * @param reads    of which reads
     * @param updates  of which updates
     * @param errors   answers that were not HTTP 200 with success true, and failed exchanges
     * @param seconds  measured time
     * @param p50      median latency in milliseconds
     * @param p99      99th percentile latency in milliseconds
     * @param max      slowest request in milliseconds
     */
    public record Result(long requests, long reads, long updates, long errors, double seconds,
                         double p50, double p99, double max) {

        public double requestsPerSecond() {
            return requests / seconds;
        }

        /** The figures in a few lines. */
        public String report() {
            return String.format(Locale.ROOT, "requests %d (reads %d, updates %d) in %.1f s%n"
                    + "throughput %.0f req/s%nlatency p50 %.2f ms, p99 %.2f ms, max %.1f ms%nerrors %d",
                    requests, reads, updates, seconds, requestsPerSecond(), p50, p99, max, errors);
        }
    }

    private SandboxLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox benchmark: " + e.getMessage());
            System.err.println("usage: SandboxLoadBenchmark [--clients N] [--duration SECONDS] [--warmup SECONDS]"
                    + " [--read-share 0..1] [--server-threads N] [--data DIR] [--url BASE_URL --user NAME --password PASS]");
            System.exit(2);
            return;
        }
        Result result = run(options, System.out);
        System.out.println(result.report());
        System.exit(result.errors() == 0 ? 0 : 1);
    }

    static Options parse(String[] args) {
        Options d = Options.defaults();
        int clients = d.clients();
        Duration duration = d.duration();
        Duration warmup = d.warmup();
        double readShare = d.readShare();
        URI url = null;
        String user = d.user();
        String password = d.password();
        int threads = d.threads();
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String v = args[++i];
            try {
                switch (name) {
                    case "--clients" -> clients = Integer.parseInt(v);
                    case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(v));
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--read-share" -> readShare = Double.parseDouble(v);
                    case "--url" -> url = URI.create(v.endsWith("/") ? v : v + "/");
                    case "--user" -> user = v;
                    case "--password" -> password = v;
                    case "--server-threads" -> threads = Integer.parseInt(v);
                    case "--data" -> data = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
            }
        }
        if (clients < 1 || duration.isZero() || duration.isNegative() || readShare < 0 || readShare > 1) {
            throw new IllegalArgumentException("clients and duration must be positive and the read share 0 to 1");
        }
        return new Options(clients, duration, warmup, readShare, url, user, password, threads, data);
    }

    /** Runs the load and returns its figures; progress lines go to {@code out}. */
    public static Result run(Options options, PrintStream out) throws Exception {
        SandboxServer own = null;
        URI base = options.url();
        if (base == null) {
            SandboxServer.Builder b = SandboxServer.builder().seed(Seed.DEMO).apiUser(options.user(), options.password())
                    .threads(options.threads());
            own = (options.data() == null ? b.inMemory() : b.dataDir(options.data())).build().start();
            base = own.baseUri();
        }
        try {
            out.printf(Locale.ROOT, "sandbox load: %d clients, %d s after %d s warm-up, %.0f%% reads, %s%n",
                    options.clients(), options.duration().toSeconds(), options.warmup().toSeconds(),
                    options.readShare() * 100, own == null ? base : "in-process sandbox " + base
                            + (options.data() == null ? " in memory" : " with a database file in " + options.data()));
            return measure(options, base, token(base, options));
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static String token(URI base, Options o) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String body = client.send(HttpRequest.newBuilder(base.resolve("token.php?action=get&username="
                + enc(o.user()) + "&password=" + enc(o.password()))).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token from " + base + "token.php (wrong credentials?)");
        }
        return m.group(1);
    }

    private static Result measure(Options o, URI base, String token) throws Exception {
        long warmupEnd = System.nanoTime() + o.warmup().toNanos();
        long end = warmupEnd + o.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(o.clients());
        List<Future<Worker>> futures = new ArrayList<>();
        for (int i = 0; i < o.clients(); i++) {
            Worker w = new Worker(i, base, token, o.readShare(), warmupEnd, end);
            futures.add(pool.submit(() -> {
                w.run();
                return w;
            }));
        }
        long requests = 0;
        long reads = 0;
        long updates = 0;
        long errors = 0;
        long[] all = new long[0];
        for (Future<Worker> f : futures) {
            Worker w = f.get();
            requests += w.count;
            reads += w.reads;
            updates += w.updates;
            errors += w.errors;
            long[] merged = Arrays.copyOf(all, all.length + w.count);
            System.arraycopy(w.nanos, 0, merged, all.length, w.count);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        return new Result(requests, reads, updates, errors, o.duration().toNanos() / 1e9,
                percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One client: its own connection and random, latencies kept for the measured part. */
    private static final class Worker {
        private final URI base;
        private final String token;
        private final double readShare;
        private final long measureFrom;
        private final long end;
        private final Random random;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] nanos = new long[4096];
        int count;
        long reads;
        long updates;
        long errors;

        Worker(int index, URI base, String token, double readShare, long measureFrom, long end) {
            this.base = base;
            this.token = token;
            this.readShare = readShare;
            this.measureFrom = measureFrom;
            this.end = end;
            this.random = new Random(index);
        }

        void run() {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                boolean read = random.nextDouble() < readShare;
                HttpRequest request = read ? read() : update();
                boolean ok;
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    ok = r.statusCode() == 200 && r.body().startsWith("{\"success\":true");
                } catch (IOException e) {
                    ok = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long done = System.nanoTime();
                if (now >= measureFrom && done <= end) {
                    record(done - now);
                    if (read) {
                        reads++;
                    } else {
                        updates++;
                    }
                    if (!ok) {
                        errors++;
                    }
                }
            }
        }

        private void record(long n) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = n;
        }

        private HttpRequest read() {
            String q = "database.php?token=" + token + "&method=agents&action=read&format=json";
            q += switch (random.nextInt(3)) {
                case 0 -> "&agentid=" + (550_000 + random.nextInt(40));
                case 1 -> "&selfserve_id=" + (3101 + random.nextInt(4)) + "&limit=20";
                default -> "&filter=" + enc("!= 999") + "&sort=name&limit=50";
            };
            return HttpRequest.newBuilder(base.resolve(q)).timeout(Duration.ofSeconds(30)).GET().build();
        }

        private HttpRequest update() {
            String payload = "[{\"agentid\":\"" + (550_000 + random.nextInt(40)) + "\",\"last_broadcast_msg\":\"load "
                    + random.nextInt(1_000_000) + "\"}]";
            return HttpRequest.newBuilder(base.resolve("database.php?token=" + token
                            + "&method=agents&action=update&format=json&raw=1"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        }
    }
}
