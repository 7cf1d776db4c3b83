package io.cnsh.cli

import com.fasterxml.jackson.databind.ObjectMapper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * {@code cnsh runs list|show|prune} over real runs: a bulk update applied with
 * {@code scripts/bulk-update.groovy} and writes from {@code -e}, in-process against the embedded sandbox
 * of a temporary {@code CNSH_HOME}. Runs are made old by moving their start event's {@code at} back.
 */
class RunsCommandSpec extends Specification {

    static final ObjectMapper JSON = new ObjectMapper()

    @TempDir
    Path home

    @TempDir
    Path dir

    def "runs list shows a bulk run and a code run, newest first, with kind, target, counts and status"() {
        given:
        String bulk = bulkRun()
        String code = codeRun("agents < update agentid: 550006, moh: 'none' >")

        when:
        def r = cnsh('runs', 'list')
        def lines = r.out.readLines()

        then:
        r.code == 0
        lines[0].split(/\s{2,}/) as List == ['id', 'kind', 'target', 'when', 'counts', 'status']
        lines[1] ==~ /[- ]+/
        lines.size() == 4
        lines[2].startsWith(code)
        lines[2] =~ /\s+code\s+demo at http\S+\s+\S+\s+1 write, 1 agent\s+complete$/
        lines[3].startsWith(bulk)
        lines[3] =~ /\s+update\s+demo at http\S+\s+\S+\s+2 rows: 2 updated\s+complete$/
        r.err == ''
    }

    def "runs show gives a bulk run's start, counts and each row's change"() {
        given:
        String bulk = bulkRun()

        when:
        def r = cnsh('runs', 'show', bulk)

        then:
        r.code == 0
        r.out.readLines()[0] == "run ${bulk}".toString()
        r.out.contains('  kind: update\n')
        r.out.contains('  username: demo\n')
        r.out.contains('  counts: 2 rows: 2 updated\n')
        r.out.contains('  status: complete\n')
        r.out.contains("rows:\n  row 2  update agent 550004 ")
        r.out.readLines().any { it ==~ /  row 2  update agent 550004 \S+  userfield '.*' -> 'Listed'  \[updated\]/ }
    }

    def "runs show gives a code run's writes with before-values where known, secrets masked"() {
        given:
        String code = codeRun("def a = agents < read agentid: 550004 >\nagents < update agentid: 550004, moh: 'none', pin: '776655' >\n" +
                "agents < update agentid: 550005, moh: 'none' >")

        when:
        def r = cnsh('runs', 'show', code)

        then:
        r.code == 0
        r.out.contains('  kind: code\n')
        r.out.contains('  source: -e\n')
        r.out.contains('  counts: 2 writes, 2 agents\n')
        r.out.contains("writes:\n  write 1  update agent 550004  moh 'default' -> 'none', pin -> '****'  [success]\n" +
                "  write 2  update agent 550005  moh -> 'none'  (before not known)  [success]\n")
        !r.out.contains('776655')
    }

    def "runs show of an unknown id is one line and exit 1"() {
        when:
        def r = cnsh('runs', 'show', id)

        then:
        r.code == 1
        r.out == ''
        r.err.readLines().size() == 1
        r.err.startsWith('cnsh: ')
        r.err.contains(id)

        where:
        id << ['update-20200101-000000-abcd', 'nonsense', '../x']
    }

    def "runs prune removes old finished runs, keeps a stopped resumable one unless --force, and leaves new runs"() {
        given:
        String done = bulkRun()
        String stopped = bulkRun('Stopped')
        String code = codeRun("agents < update agentid: 550006, moh: 'none' >")
        String fresh = codeRun("agents < update agentid: 550007, moh: 'none' >")
        [done, stopped, code].each { age(it, 40) }
        stop(stopped)
        Map<String, String> started = [done, stopped, code].collectEntries { [it, at(it)] }

        when:
        def r = cnsh('runs', 'prune', '--older-than', '30d')

        then:
        r.code == 0
        r.out.readLines() as Set == ["removed ${done} (update, ${started[done]}, complete)".toString(),
                                      "removed ${code} (code, ${started[code]}, complete)".toString(),
                                      "kept ${stopped} (stopped (resumable); --force removes it)".toString(),
                                      "removed 2 runs from ${home.resolve('runs')}".toString()] as Set
        ids() == [stopped, fresh] as Set
        !Files.exists(home.resolve('runs').resolve(done + '.results.csv'))

        when:
        def forced = cnsh('runs', 'prune', '--older-than', '720h', '--force')

        then:
        forced.code == 0
        forced.out.readLines()[0] == "removed ${stopped} (update, ${started[stopped]}, stopped (resumable))".toString()
        ids() == [fresh] as Set
    }

    def "runs prune --force keeps a run whose journal another process holds (a run being applied), and removes it once free"() {
        given:
        String busy = bulkRun('Busy')
        age(busy, 40)
        Path journal = home.resolve('runs').resolve(busy + '.jsonl')
        byte[] bytes = Files.readAllBytes(journal)
        Process holder = lockHolder(journal)

        when:
        def r = cnsh('runs', 'prune', '--older-than', '30d', '--force')

        then:
        r.code == 0
        r.out.readLines() == ["kept ${busy} (being applied by another cnsh process)".toString(),
                              "removed 0 runs from ${home.resolve('runs')}".toString()]
        Files.readAllBytes(journal) == bytes
        Files.exists(home.resolve('runs').resolve(busy + '.results.csv'))

        when:
        holder.outputStream.close()
        assert holder.waitFor() == 0
        def again = cnsh('runs', 'prune', '--older-than', '30d', '--force')

        then:
        again.code == 0
        again.out.readLines()[0].startsWith("removed ${busy} (update, ")
        ids().isEmpty()

        cleanup:
        holder?.destroyForcibly()
    }

    def "runs prune keeps a run whose journal this process is writing"() {
        given:
        String busy = bulkRun('Busy')
        age(busy, 40)
        Path journal = home.resolve('runs').resolve(busy + '.jsonl')
        def channel = java.nio.channels.FileChannel.open(journal, java.nio.file.StandardOpenOption.WRITE)
        def lock = channel.lock()

        when:
        def r = cnsh('runs', 'prune', '--older-than', '30d', '--force')

        then:
        r.out.readLines()[0] == "kept ${busy} (being applied by another cnsh process)".toString()
        ids() == [busy] as Set

        cleanup:
        lock?.release()
        channel?.close()
    }

    def "pruning an applied revert removes the revert CSV it was applied from, and nothing another run needs"() {
        given: 'a bulk run, and its revert applied from a CSV kept in runs/'
        String run = bulkRun('Reverted')
        def revert = cnsh('runs', 'revert', run, '--apply')
        assert revert.code == 0: revert.err
        String revertRun = (revert.err =~ /Started run (update-\S+);/)[0][1]
        Path runs = home.resolve('runs')
        List<Path> csvs = Files.list(runs).withCloseable { it.filter { it.fileName.toString() ==~ /revert-.*\.csv/ }.toList() }
        assert csvs.size() == 1
        age(run, 40)

        when: 'the original run is pruned, the revert (new) stays and so does its CSV'
        def first = cnsh('runs', 'prune', '--older-than', '30d')

        then:
        first.code == 0
        ids() == [revertRun] as Set
        Files.exists(csvs[0])

        when: 'the revert run is pruned'
        age(revertRun, 40)
        def second = cnsh('runs', 'prune', '--older-than', '30d')

        then:
        second.code == 0
        ids().isEmpty()
        !Files.exists(csvs[0])
        Files.list(runs).withCloseable { it.toList() }.isEmpty()
    }

    /** A separate JVM that holds a POSIX lock on {@code file} (as a cnsh applying a run does) until its stdin closes. */
    Process lockHolder(Path file) {
        Path source = dir.resolve('HoldLock.java')
        Files.writeString(source, """
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            public class HoldLock {
                public static void main(String[] a) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE); var l = c.lock()) {
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
            }
            """.stripIndent())
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        Process p = new ProcessBuilder(java, source.toString(), file.toString()).redirectErrorStream(true).start()
        String first = new BufferedReader(new InputStreamReader(p.inputStream)).readLine()
        assert first == 'locked'
        p
    }

    def "a code run is not taken for a bulk run by --resume: one line, exit 1"() {
        given:
        String code = codeRun("agents < update agentid: 550006, moh: 'none' >")

        when:
        def r = cnsh('run', 'scripts/bulk-update.groovy', '--resume', code)

        then:
        r.code == 1
        r.err.readLines().size() == 1
        r.err.contains("is a run of kind code, not a bulk update or create; it cannot be resumed")
        !r.err.contains('Exception')
    }

    def "runs prune refuses an age it cannot read"() {
        when:
        def r = cnsh('runs', 'prune', '--older-than', age)

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.contains("--older-than '${age}'")

        where:
        age << ['30', '-1d', '2w', '', '1.5d']
    }

    /** Applies a two-row bulk update of userfield; returns its run id. */
    String bulkRun(String value = 'Listed') {
        Path csv = dir.resolve("${value}.csv")
        Files.writeString(csv, "agentid,userfield\n550004,${value}\n550005,${value}\n")
        def r = cnsh('run', 'scripts/bulk-update.groovy', csv.toString(), '--apply')
        assert r.code == 0: r.err
        (r.err =~ /Started run (update-\S+);/)[0][1]
    }

    String codeRun(String code) {
        Set<String> before = ids()
        def r = cnsh('-e', code)
        assert r.code == 0: r.err
        (ids() - before).first()
    }

    Set<String> ids() {
        Path runs = home.resolve('runs')
        if (!Files.isDirectory(runs)) {
            return [] as Set
        }
        Files.list(runs).withCloseable { s -> s.map { it.fileName.toString() }.filter { it.endsWith('.jsonl') }.toList() }
                .collect { it - '.jsonl' } as Set
    }

    /** Moves the run's start back by {@code days}. */
    void age(String id, int days) {
        rewrite(id) { List<Map> events ->
            events[0].at = Instant.parse(events[0].at).minus(days, ChronoUnit.DAYS).toString()
            events
        }
    }

    /** Cuts the run back to before its rows were sent: the journal of a run stopped before its first batch. */
    void stop(String id) {
        rewrite(id) { List<Map> events -> events.findAll { it.event in ['start', 'plan'] } }
    }

    String at(String id) {
        JSON.readValue(Files.readAllLines(home.resolve('runs').resolve(id + '.jsonl'))[0], Map).at
    }

    void rewrite(String id, Closure<List<Map>> change) {
        Path journal = home.resolve('runs').resolve(id + '.jsonl')
        def events = Files.readAllLines(journal).collect { JSON.readValue(it, Map) }
        Files.writeString(journal, change(events).collect { JSON.writeValueAsString(it) + '\n' }.join(''))
    }

    ScriptCliSpec.Result cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), args)
        new ScriptCliSpec.Result(code, out.toString(), err.toString())
    }
}
