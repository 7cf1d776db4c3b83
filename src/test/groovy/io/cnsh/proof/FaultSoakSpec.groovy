package io.cnsh.proof

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.bulk.CsvTable
import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.testing.SandboxFixture
import io.cnsh.testing.ScriptRun
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * The bulk scripts under a lossy sandbox: 2,000 agents created with {@code bulk-create.groovy}, then
 * changed with {@code bulk-update.groovy}, while the sandbox answers 10% of requests with a 5xx,
 * commits 5% and drops their answers, resets 2% of connections before handling them, and answers
 * "Expired token" once every 200 requests. The fault draws come from a fixed seed, so a failure can
 * be replayed. A run that stops is resumed (as a user would, with {@code --resume}) until it is done;
 * then the live agents must match the CSVs exactly, with nothing created twice, every journal row
 * final and every results CSV row right.
 */
class FaultSoakSpec extends Specification {

    static final int AGENTS = 2000
    static final ObjectMapper JSON = new ObjectMapper()
    static final long FAULT_SEED = 20_240_917L
    static final double HTTP_ERRORS = 0.10
    static final double LOST_ANSWERS = 0.05
    static final double RESETS = 0.02
    static final int EXPIRE_EVERY = 200
    /** Agents per request: small batches make many requests, so that every kind of fault is hit often. */
    static final int BATCH = 1
    /** How many times a stopped or partly failed run may be resumed before the soak gives up. */
    static final int MAX_RESUMES = 25

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'none')

    /** Every request the sandbox answered, with its outcome (kept here across the two phases). */
    final List<RequestLog.Entry> log = Collections.synchronizedList([])
    final AtomicInteger answered = new AtomicInteger()
    final AtomicInteger expiriesForced = new AtomicInteger()

    def setup() {
        cnsh.reset()
        cnsh.faults.seed(FAULT_SEED)
                .httpErrorRate(HTTP_ERRORS, 500, 502, 503)
                .lostResponseRate(LOST_ANSWERS)
                .resetRate(RESETS)
        cnsh.onRequest { RequestLog.Entry e ->
            log << e
            if (answered.incrementAndGet() % EXPIRE_EVERY == 0) {
                // the next database.php call is told its token expired, whatever else happens to it
                cnsh.faults.nextExpiredTokens(1)
                expiriesForced.incrementAndGet()
            }
        }
    }

    def cleanup() {
        cnsh.faults.clear()
    }

    def "2,000 creates and 2,000 updates through 5xx answers, lost answers, resets and expired tokens end exactly as the CSVs say"() {
        given: 'an empty account and a CSV of 2,000 new agents, each with its own pin and password'
        List<Map<String, String>> wanted = (1..AGENTS).collect { int i ->
            [username    : "soak${i}".toString(),
             name        : "Soak Agent ${i}".toString(),
             pin         : (100_000 + i).toString(),
             password    : "Soak-pw-${i}".toString(),
             auth_level  : ['agent', 'supervisor', 'admin'][i % 3],
             selfserve_id: (3000 + i % 7).toString()]
        }
        Path createCsv = cnsh.file('soak-new.csv', csv(wanted))

        when: 'bulk-create applies it, and is resumed until it is done'
        long started = System.nanoTime()
        List<ScriptRun> creates = untilDone('scripts/bulk-create.groovy', createCsv)
        long createdAt = System.nanoTime()
        def createRun = runOf(creates, 'create')

        then: 'the last run exits 0 and every earlier one stopped (1) or left failed rows for a resume (3)'
        creates.last().exitCode == 0
        creates.init().every { it.exitCode in [1, 3] }
        creates.last().out.contains("Applied run ${createRun}: ${AGENTS} created.")

        and: 'each username is held by exactly one agent, with the fields of its row'
        List<Agent> afterCreate = withoutFaults { cnsh.readAll() }
        Map<String, List<Agent>> byUsername = afterCreate.groupBy { it.username() }
        byUsername.findAll { k, v -> v.size() > 1 }.isEmpty()
        afterCreate.size() == AGENTS
        wanted.every { Map<String, String> row -> matches(byUsername[row.username]?.first(), row) }

        and: 'the server committed exactly 2,000 created records, lost answers included'
        committed('agents/create') == AGENTS

        and: 'the journal gives every row a final status, and the results CSV names each new agentid'
        journalComplete(createRun, AGENTS, 'created', resumed(creates))
        List<Map<String, String>> createResults = results(createRun)
        createResults*.status.every { it == 'created' }
        createResults.every { it.agentid == byUsername[it.username].first().agentid().toString() }
        createResults*.pin.every { it == '****' }
        createResults*.password.every { it == '****' }

        when: 'a CSV changes name, pin, auth level and userfield of every new agent, keyed by the agentids of the results'
        List<Map<String, String>> changes = createResults.collect { Map<String, String> r ->
            int i = (r.username - 'soak') as int
            [agentid   : r.agentid,
             name      : "Soak Agent ${i} (moved)".toString(),
             pin       : (700_000 + i).toString(),
             auth_level: ['supervisor', 'admin', 'agent'][i % 3],
             userfield : "wave-${i % 11}".toString()]
        }
        Path updateCsv = cnsh.file('soak-changes.csv', csv(changes))
        List<ScriptRun> updates = untilDone('scripts/bulk-update.groovy', updateCsv)
        long updatedAt = System.nanoTime()
        def updateRun = runOf(updates, 'update')
        report(started, createdAt, updatedAt, creates, updates)

        then: 'the last run exits 0 and every earlier one stopped or left failed rows'
        updates.last().exitCode == 0
        updates.init().every { it.exitCode in [1, 3] }
        updates.last().out.contains("Applied run ${updateRun}: ${AGENTS} updated.")

        and: 'every agent holds its change, still once per username, and its other fields are as created'
        List<Agent> afterUpdate = withoutFaults { cnsh.readAll() }
        Map<String, Agent> byId = afterUpdate.collectEntries { [it.agentid().toString(), it] }
        afterUpdate.size() == AGENTS
        afterUpdate.groupBy { it.username() }.every { k, v -> v.size() == 1 }
        changes.every { Map<String, String> row -> matches(byId[row.agentid], row) }
        Map<String, Agent> updatedByUsername = afterUpdate.collectEntries { [it.username(), it] }
        wanted.every { Map<String, String> row -> matches(updatedByUsername[row.username], row.subMap('username', 'password', 'selfserve_id')) }
        committed('agents/create') == AGENTS

        and: 'the update journal and results are complete and right'
        journalComplete(updateRun, AGENTS, 'updated', resumed(updates))
        List<Map<String, String>> updateResults = results(updateRun)
        updateResults*.status.every { it == 'updated' }
        updateResults*.agentid == changes*.agentid
        updateResults*.pin.every { it == '****' }

        and: 'exactly one run of each kind was made; the stops were resumed, not started over'
        journals().sort() == ["${createRun}.jsonl", "${updateRun}.jsonl"]*.toString().sort()

        and: 'the faults really happened'
        Map<String, Integer> faults = faultCounts()
        faults.http >= 100
        faults.lost >= 50
        faults.reset >= 10
        faults.expired >= 10
        expiriesForced.get() >= 10
    }

    /** Runs the script with {@code --apply}, then {@code --resume RUN_ID} while it stops or leaves failed rows. */
    List<ScriptRun> untilDone(String script, Path csv) {
        List<ScriptRun> runs = [cnsh.run(script, csv, '--apply', '--batch-size', BATCH)]
        String id = runId(runs.last())
        while (runs.last().exitCode != 0 && runs.size() <= MAX_RESUMES) {
            ScriptRun last = runs.last()
            // 1: the run stopped (it says how to resume) or its plan could not read the agents (one line);
            // 3: some rows failed, and it says a resume tries them again
            assert last.exitCode == 1 && (last.out.contains("The run stopped early (") && last.out.contains("resume it with --resume ${runId(last)}")
                    || runId(last) == null && last.errLines.size() == 1 && last.err.startsWith('cnsh: '))
                    || last.exitCode == 3 && last.out.contains("Fix the cause and resume with --resume ${runId(last)} to retry the failed rows."):
                    "${script} ended unexpectedly:\n${last}"
            // a plan that could not read the agents made no run: the apply starts again
            runs << (id == null ? cnsh.run(script, csv, '--apply', '--batch-size', BATCH)
                    : cnsh.run(script, '--resume', id, '--batch-size', BATCH))
            id = id ?: runId(runs.last())
        }
        assert runs.last().exitCode == 0: "${script} not done after ${runs.size()} runs:\n${runs.last()}"
        runs
    }

    static String runId(ScriptRun run) {
        def m = run.out =~ /(?:Applied|Stopped) run ((?:create|update)-\S+): /
        m.find() ? m.group(1) : null
    }

    static String runOf(List<ScriptRun> runs, String kind) {
        List<String> ids = runs.collect { runId(it) }.findAll { it != null }.unique()
        assert ids.size() == 1 && ids[0].startsWith(kind + '-'): "expected one ${kind} run, got ${ids}"
        ids[0]
    }

    /** Runs the closure with the faults switched off (the checks read the truth, not a lossy view). */
    def <T> T withoutFaults(Closure<T> check) {
        def f = cnsh.faults
        f.clear()
        try {
            check()
        } finally {
            f.httpErrorRate(HTTP_ERRORS, 500, 502, 503).lostResponseRate(LOST_ANSWERS).resetRate(RESETS)
        }
    }

    /** True when the agent holds every value of the row (agentid aside); else fails naming the fields, not their values. */
    static boolean matches(Agent agent, Map<String, String> row) {
        assert agent != null: "no agent for ${row.username ?: row.agentid}"
        Set<String> wrong = row.findAll { k, v -> k != 'agentid' && agent.get(k) != v }.keySet()
        assert wrong.isEmpty(): "agent ${agent.agentid()} differs from its row in ${wrong}"
        true
    }

    static String csv(List<Map<String, String>> rows) {
        List<String> header = rows[0].keySet() as List
        ([header.join(',')] + rows.collect { r -> header.collect { r[it] }.join(',') }).join('\n') + '\n'
    }

    /** Records the server wrote for an operation, counting the writes whose answers were lost. */
    long committed(String operation) {
        List<RequestLog.Entry> entries
        synchronized (log) {
            entries = log.findAll { it.operation() == operation }
        }
        entries.sum(0L) { RequestLog.Entry e ->
            def m = e.outcome() =~ /total=(\d+)/
            m.find() ? (m.group(1) as long) : 0L
        } as long
    }

    /** How many runs after the first got as far as applying (a resume whose own read failed changed nothing). */
    static int resumed(List<ScriptRun> runs) {
        runs.drop(1).count { runId(it) != null }
    }

    /**
     * The journal of a run: one plan event per row, every row ended with the final status, one resume
     * event per resume that applied, every batch sent has its done event, and the last event is a
     * complete end.
     */
    boolean journalComplete(String id, int rows, String status, int resumes) {
        List<Map> events = Files.readAllLines(cnsh.runs.resolve(id + '.jsonl')).findAll { it }.collect { JSON.readValue(it, Map) }
        Set<Integer> planned = events.findAll { it.event == 'plan' }.collect { it.row as int } as Set
        Map<Integer, String> last = [:]
        events.findAll { it.event == 'row' }.each { last[it.row as int] = it.status as String }
        assert events.first().event == 'start'
        assert planned.size() == rows
        assert last.keySet() == planned
        assert last.values().every { it == status }: last.values().countBy { it }
        assert events.last().event == 'end' && events.last().status == 'complete'
        assert events.findAll { it.event == 'batch' }.size() == events.findAll { it.event == 'batch-done' }.size()
        assert events.count { it.event == 'resume' } == resumes
        true
    }

    List<String> journals() {
        cnsh.runs.toFile().list().findAll { it.endsWith('.jsonl') }.toList()
    }

    List<Map<String, String>> results(String id) {
        CsvTable.read(cnsh.runs.resolve(id + '.results.csv')).rows().collect { it.cells() }
    }

    Map<String, Integer> faultCounts() {
        List<String> outcomes
        synchronized (log) {
            outcomes = log*.outcome()
        }
        [http   : outcomes.count { it.startsWith('fault: http') },
         lost   : outcomes.count { it.startsWith('fault: response lost') },
         reset  : outcomes.count { it.startsWith('fault: reset') },
         expired: outcomes.count { it.contains('Expired token') }]
    }

    void report(long started, long createdAt, long updatedAt, List<ScriptRun> creates, List<ScriptRun> updates) {
        Map<String, Integer> byOp
        synchronized (log) {
            byOp = log.countBy { it.operation() }
        }
        List<Map> events = journals().collectMany { name ->
            Files.readAllLines(cnsh.runs.resolve(name)).findAll { it }.collect { JSON.readValue(it, Map) }
        }
        println String.format('fault soak: %d agents in batches of %d; create %.1f s, update %.1f s; %d requests %s;'
                + ' faults %s (%d injected), %d expiries forced; %d creates looked up after an unknown outcome,'
                + ' %d resent; runs: create %s, update %s',
                AGENTS, BATCH, (createdAt - started) / 1e9, (updatedAt - createdAt) / 1e9, log.size(), byOp,
                faultCounts(), cnsh.faults.injected(), expiriesForced.get(),
                events.findAll { it.event == 'unknown' }.sum(0) { it.rows.size() },
                events.count { it.event == 'batch' && it.resend_after_lost_answer },
                creates.collect { outcome(it) }, updates.collect { outcome(it) })
    }

    /** The exit code of a run and, when it did not finish, why. */
    static String outcome(ScriptRun run) {
        String why = (run.out + run.err).readLines().find { it.startsWith('The run stopped early') || it.startsWith('cnsh: ') }
                ?: (run.out.readLines().find { it ==~ /  row \d+ failed: .*/ } ?: '')
        "exit ${run.exitCode}${why ? ' (' + why.trim() + ')' : ''}"
    }
}
