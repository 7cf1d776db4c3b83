package io.cnsh.testing

import io.cnsh.client.ContactNow
import io.cnsh.client.PartialFailureException
import io.cnsh.client.RetryPolicy
import io.cnsh.client.Sleeper
import io.cnsh.client.AgentQuery
import io.cnsh.dsl.AgentsContext
import io.cnsh.dsl.DslScriptException
import io.cnsh.dsl.ScriptExit
import io.cnsh.dsl.ScriptRunner
import io.cnsh.model.Agent
import io.cnsh.model.ContactNowException
import io.cnsh.sandbox.Faults
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format

import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/**
 * A sandbox for Spock specs of cnsh recipes: an in-process ContactNow sandbox (port 0, agents in
 * memory, a chosen seed), a client and the DSL's {@code agents} bound to it, and a private
 * {@code CNSH_HOME} (bulk-run journals land in {@code home/runs}).
 *
 * <pre>
 * class PromoteAdminsSpec extends Specification {
 *     &#64;Shared &#64;AutoCleanup SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')
 *
 *     def setup() { cnsh.reset() }
 *
 *     def "the recipe makes the named agent an admin"() {
 *         when:
 *         def run = cnsh.run('promote-admins.groovy', 'gokafor', '--apply')
 *
 *         then:
 *         run.exitCode == 0
 *         cnsh.agent(username: 'gokafor').authLevel == 'admin'
 *     }
 * }
 * </pre>
 *
 * <p>Scripts run as {@code cnsh run} runs them (same compiler, same variables, same exit codes) and
 * are found by absolute path, relative to the working directory, or next to the spec when it is run
 * by {@code cnsh test}. Every request the sandbox answers is kept ({@link #getRequests()}), so a spec
 * can check what was sent; {@link #getFaults()} injects latency, errors, lost answers and broken paging.
 */
class SandboxFixture implements AutoCloseable {

    /** The sandbox server (for its faults, base URL and reset). */
    final SandboxServer server
    /** The client every script and {@link #getAgents()} use. */
    final ContactNow client
    /** The DSL's {@code agents}, bound to the sandbox. */
    final AgentsContext agents
    /** The private {@code CNSH_HOME} of this fixture. */
    final Path home

    private final Seed seed
    private final Format format
    private final int batchSize
    private final int pageSize
    private final String apiUser
    private final String apiPassword
    private final Map<Format, ContactNow> clients = new EnumMap<>(Format)
    private final boolean ownHome
    private final List<io.cnsh.sandbox.RequestLog.Entry> requests = new CopyOnWriteArrayList<>()
    private final List<Closure> listeners = new CopyOnWriteArrayList<>()
    private final AtomicInteger sent = new AtomicInteger()

    private SandboxFixture(Seed seed, Format format, int batchSize, int pageSize, Path home, boolean strict,
                           String apiUser, String apiPassword, Clock clock) {
        this.seed = seed
        this.format = format
        this.batchSize = batchSize
        this.pageSize = pageSize
        this.apiUser = apiUser
        this.apiPassword = apiPassword
        this.ownHome = home == null
        this.home = home ?: Files.createTempDirectory('cnsh-fixture-')
        List<io.cnsh.sandbox.RequestLog.Entry> log = this.@requests
        List<Closure> hooks = this.@listeners
        SandboxServer.Builder builder = SandboxServer.builder().port(0).inMemory().seed(seed).apiUser(apiUser, apiPassword).strict(strict)
        if (clock != null) {
            builder.clock(clock)
        }
        this.server = builder
                .requestLog({ io.cnsh.sandbox.RequestLog.Entry e ->
                    log.add(e)
                    hooks.each { it.call(e) }
                } as RequestLog)
                .build().start()
        this.client = client(format)
        this.agents = new AgentsContext(client)
    }

    /**
     * A client of this sandbox in a wire format, with the fixture's batch and page sizes; the one for
     * the fixture's own format is {@link #client}. Requests of every such client are waited for by
     * {@link #getRequests()}.
     */
    synchronized ContactNow client(Format wireFormat) {
        clients.computeIfAbsent(wireFormat) { Format f ->
            // retries without waiting, but a thread interrupt still ends them, as with a real sleep
            Sleeper noWait = { Duration d -> if (Thread.interrupted()) throw new InterruptedException() } as Sleeper
            AtomicInteger counter = this.@sent
            ContactNow.builder().baseUrl(server.baseUri()).credentials(apiUser, apiPassword)
                    .format(f).batchSize(batchSize).pageSize(pageSize)
                    .retryPolicy(new RetryPolicy(4, Duration.ZERO, Duration.ZERO, 0)).sleeper(noWait)
                    // counts what the client sent, so that the request log can be read once it has caught up
                    .logger({ String line -> if (line.contains('---> ')) counter.incrementAndGet() }, ContactNow.LogLevel.BASIC)
                    .build()
        }
    }

    /**
     * Starts a fixture. Options: {@code seed} ({@code 'demo'} (default), {@code 'none'} or a
     * {@link Seed}), {@code format} ({@code 'json'} (default) or {@code 'xml'}), {@code batchSize}
     * (records per request of the client, default 100), {@code pageSize} (agents per read request of
     * {@code all: true} and {@code readAll}, default 500; smaller makes the demo agents span pages),
     * {@code home} (a {@code CNSH_HOME} to use instead of a new temporary one), {@code strict}
     * ({@code true} for a sandbox that behaves like a fixed-schema server, see
     * {@link SandboxServer.Builder#strict(boolean)}; default {@code false}), {@code apiUser} and
     * {@code apiPassword} (the account the sandbox accepts and the clients log in with, default
     * {@code demo}/{@code demo}), {@code clock} (the sandbox's {@link Clock}, e.g. one a spec moves
     * to expire tokens; default the system clock).
     */
    static SandboxFixture start(Map options = [:]) {
        def seed = options.seed ?: Seed.DEMO
        Seed s = seed instanceof Seed ? (Seed) seed : Seed.valueOf(seed.toString().toUpperCase(Locale.ROOT))
        Format f = Format.parse((options.format ?: 'json').toString())
        int batch = (options.batchSize ?: 100) as int
        int page = (options.pageSize ?: 500) as int
        Path h = options.home == null ? null : (options.home instanceof Path ? (Path) options.home : Path.of(options.home.toString()))
        new SandboxFixture(s, f, batch, page, h, options.strict as boolean,
                (options.apiUser ?: 'demo').toString(), (options.apiPassword ?: 'demo').toString(), (Clock) options.clock)
    }

    /**
     * The sandbox's faults: latency, HTTP errors, resets, lost answers, token errors, reads that
     * ignore start or limit or drop rows. The fixture's own {@link #readAll}, {@link #agent} and
     * {@link #agentsWhere} read through them too: clear the faults before checking the agents.
     */
    Faults getFaults() {
        server.faults()
    }

    /**
     * How many requests the sandbox is handling right now, from arrival until answered or dropped.
     * After stopping a client, wait for 0 before checking agents: a write the client gave up on
     * may still be committing.
     */
    int getInFlight() {
        server.inFlight()
    }

    /** The directory of bulk-run journals and results CSVs ({@code home/runs}). */
    Path getRuns() {
        home.resolve('runs')
    }

    /** The environment scripts see: the process's, with {@code CNSH_HOME} set to {@link #home}. */
    Map<String, String> getEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv())
        env.CNSH_HOME = home.toString()
        env
    }

    /**
     * Runs a script with arguments as {@code cnsh run SCRIPT ARGS} would, against this sandbox, and
     * returns its exit code and output. Never throws for a failing script: the failure is in
     * {@link ScriptRun#exitCode} and {@link ScriptRun#err}.
     */
    ScriptRun run(Object script, Object... args) {
        run(script, args as List)
    }

    /** Runs a script with a list of arguments; see {@link #run(Object, Object[])}. */
    ScriptRun run(Object script, List args) {
        Path file = resolve(script)
        StringWriter outText = new StringWriter()
        StringWriter errText = new StringWriter()
        PrintWriter out = new PrintWriter(outText, true)
        PrintWriter err = new PrintWriter(errText, true)
        ScriptRunner runner = new ScriptRunner(agents, out, err)
        Binding binding = runner.binding(args.collect { it.toString() })
        binding.setVariable('env', environment)
        int code = 0
        try {
            runner.evaluate(Files.readString(file), file.fileName.toString(), binding)
        } catch (ScriptExit e) {
            if (e.problem() != null) {
                err.println("cnsh: ${e.problem()}")
            }
            code = e.code()
        } catch (ContactNowException e) {
            err.println("cnsh: ${e.message}")
            code = e instanceof PartialFailureException || e.cause instanceof PartialFailureException ? 3 : 1
        }
        out.flush()
        err.flush()
        new ScriptRun(code, outText.toString(), errText.toString())
    }

    /** Evaluates DSL code (as {@code cnsh -e} would) and returns its value. */
    Object eval(String code) {
        StringWriter sink = new StringWriter()
        ScriptRunner runner = new ScriptRunner(agents, new PrintWriter(sink, true), new PrintWriter(sink, true))
        Binding binding = runner.binding([])
        binding.setVariable('env', environment)
        runner.evaluate(code, '-e', binding)
    }

    /** Every agent in the sandbox, deleted and system ones included, in agentid order. */
    List<Agent> readAll() {
        client.agents().readAll(AgentQuery.all()).toList()
    }

    /** The agents whose fields equal all the given values (compared as text). */
    List<Agent> agentsWhere(Map criteria) {
        readAll().findAll { Agent a -> criteria.every { k, v -> a.get(k.toString()) == v?.toString() } }
    }

    /** The one agent whose fields equal the given values; fails when there is none or several. */
    Agent agent(Map criteria) {
        List<Agent> found = agentsWhere(criteria)
        if (found.size() != 1) {
            throw new AssertionError("expected one agent with ${criteria}, found ${found.size()}" as Object)
        }
        found[0]
    }

    /** Writes a file into the fixture's home and returns its path (for CSV inputs). */
    Path file(String name, String text) {
        file(name, text.getBytes('UTF-8'))
    }

    /** Writes bytes into a file of the fixture's home and returns its path. */
    Path file(String name, byte[] bytes) {
        Path p = home.resolve('files').resolve(name)
        Files.createDirectories(p.parent)
        Files.write(p, bytes)
        p
    }

    /**
     * Every request the sandbox answered since the last reset, in order. The sandbox logs a request
     * just after answering it, so this first waits (up to two seconds) until every request the
     * client has sent is in the log.
     */
    List<io.cnsh.sandbox.RequestLog.Entry> getRequests() {
        settle()
        List.copyOf(this.@requests)
    }

    /** The requests of one operation, e.g. {@code agents/create} or {@code agents/update}. */
    List<io.cnsh.sandbox.RequestLog.Entry> requests(String operation) {
        getRequests().findAll { it.operation() == operation }
    }

    private void settle() {
        long until = System.nanoTime() + 2_000_000_000L
        while (this.@requests.size() < sent.get() && System.nanoTime() < until) {
            Thread.sleep(5)
        }
    }

    /** Records written by the requests of one operation (the {@code total} of each answer, lost answers included). */
    long written(String operation) {
        requests(operation).sum(0L) { io.cnsh.sandbox.RequestLog.Entry e ->
            def m = e.outcome() =~ /total=(\d+)/
            m.find() ? (m.group(1) as long) : 0L
        } as long
    }

    /** Calls the closure with each {@link io.cnsh.sandbox.RequestLog.Entry} as the sandbox answers it (on a server thread). */
    void onRequest(Closure listener) {
        listeners << listener
    }

    /**
     * Starts over: the store gets the seed again, faults are switched off, the request log, request
     * listeners and the runs directory are cleared. Requests still in flight from before (one a
     * client gave up on while latency held it) are let finish first, for up to a minute, so that
     * none of them lands in the new store or takes a fault meant for what comes next.
     */
    void reset(Seed seed = this.seed) {
        faults.clear().seed(1)
        long until = System.nanoTime() + 60_000_000_000L
        while (server.inFlight() > 0 && System.nanoTime() < until) {
            Thread.sleep(5)
        }
        server.reset(seed)
        listeners.clear()
        settle()
        this.@requests.clear()
        sent.set(0)
        if (Files.isDirectory(runs)) {
            runs.toFile().deleteDir()
        }
    }

    /** Stops the sandbox and deletes the temporary home. */
    @Override
    void close() {
        server.close()
        if (ownHome) {
            home.toFile().deleteDir()
        }
    }

    private static Path resolve(Object script) {
        Path p = script instanceof Path ? (Path) script : Path.of(script.toString())
        List<Path> tried = [p.toAbsolutePath()]
        if (Files.isRegularFile(p)) {
            return p
        }
        if (!p.absolute) {
            for (Path dir : ScriptDirs.all()) {
                Path candidate = dir.resolve(p)
                tried << candidate
                if (Files.isRegularFile(candidate)) {
                    return candidate
                }
            }
        }
        throw new IllegalArgumentException("no script ${script} (looked for ${tried.join(', ')})" as String)
    }

    @Override
    String toString() {
        "SandboxFixture[${server.baseUri()}, seed ${seed}, home ${home}]"
    }
}
