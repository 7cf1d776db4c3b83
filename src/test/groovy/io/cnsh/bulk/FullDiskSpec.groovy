package io.cnsh.bulk

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.SpecResources
import io.cnsh.cli.ChildCnsh
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * A disk that fills mid-run leaves a run that resumes: whole journal lines, no empty or cut-short
 * files, one line saying what failed and how to resume. Where the test may mount a small tmpfs the
 * disk really fills; everywhere, a file-size limit ({@code ulimit -f}) makes the journal's writes fail
 * in a cnsh process of its own.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts cnsh processes under a file-size limit and waits for them')
class FullDiskSpec extends Specification {

    static final String SCRIPT = 'scripts/bulk-update.groovy'
    static final ObjectMapper JSON = new ObjectMapper()

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    Path mounted

    def setup() {
        cnsh.reset()
    }

    def cleanup() {
        if (mounted != null) {
            new ProcessBuilder('umount', mounted.toString()).start().waitFor()
        }
    }

    /** True when this process may mount a tmpfs (as root in most containers and CI runners). */
    static boolean tmpfsMountable() {
        Path probe = Files.createTempDirectory('cnsh-tmpfs-probe-')
        try {
            def mount = new ProcessBuilder('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe.toString())
                    .redirectErrorStream(true).start()
            if (mount.waitFor() != 0) {
                return false
            }
            new ProcessBuilder('umount', probe.toString()).start().waitFor()
            return true
        } catch (IOException e) {
            return false
        } finally {
            Files.deleteIfExists(probe)
        }
    }

    /** A change to every live agent, keyed by agentid. */
    Path changes() {
        def ids = cnsh.readAll().findAll { !it.isDeleted() }*.agentid()
        cnsh.file('full.csv', 'agentid,userfield\n' + ids.collect { "${it},Full" }.join('\n') + '\n')
    }

    int rows(Path csv) {
        Files.readAllLines(csv).size() - 1
    }

    /** Writes into {@code file} until the file system refuses. */
    static void fill(Path file) {
        byte[] block = new byte[4096]
        new FileOutputStream(file.toFile()).withCloseable { out ->
            try {
                while (true) {
                    out.write(block)
                }
            } catch (IOException e) {
                assert e.message == 'No space left on device'
            }
        }
    }

    /** The run's files are whole: no empty file, no temporary file, the journal in whole lines only. */
    void filesAreWhole(String id) {
        List<Path> files = Files.list(cnsh.runs).withCloseable { it.toList() }
        assert files.every { Files.size(it) > 0 }: files.collect { "${it.fileName} ${Files.size(it)}" }
        assert !files.any { it.fileName.toString().endsWith('.tmp') }
        String journal = Files.readString(cnsh.runs.resolve(id + '.jsonl'))
        assert journal.endsWith('\n')
        journal.readLines().each { assert JSON.readTree(it).path('event').isTextual() }
    }

    /** Resumes the run with the disk free again; every row is then done, each sent exactly once. */
    void resumesToTheEnd(String id, int rows) {
        def resumed = cnsh.run(SCRIPT, '--resume', id)
        assert resumed.exitCode == 0: resumed
        assert resumed.out.contains("Applied run ${id}: ${rows} updated.")
        assert cnsh.written('agents/update') == rows
        def sent = Files.readAllLines(cnsh.runs.resolve(id + '.jsonl')).collect { JSON.readValue(it, Map) }
                .findAll { it.event == 'batch' }.collectMany { it.rows }
        assert sent.size() == rows && sent.toSet().size() == rows
        assert cnsh.agentsWhere(userfield: 'Full').size() == rows
        assert Files.readAllLines(cnsh.runs.resolve(id + '.results.csv')).drop(1).every { it.contains(',updated,') }
        filesAreWhole(id)
    }

    @Requires({ FullDiskSpec.tmpfsMountable() })
    def "a disk that fills mid-run stops the run with the reason and the resume command, and the resume finishes it"() {
        given: 'the runs directory on a 1 MB tmpfs, filled up once three batches are answered'
        Files.createDirectories(cnsh.runs)
        assert new ProcessBuilder('mount', '-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', cnsh.runs.toString())
                .start().waitFor() == 0
        mounted = cnsh.runs
        Path filler = cnsh.runs.resolve('filler')
        def answered = new AtomicInteger()
        cnsh.onRequest { e -> if (e.operation() == 'agents/update' && answered.incrementAndGet() == 3) fill(filler) }
        def csv = changes()

        when:
        def run = cnsh.run(SCRIPT, csv, '--apply', '--batch-size', '1')
        String id = (run.err =~ /Started run (update-\S+);/)[0][1]

        then: 'one line says what failed, where, and how to go on; nothing else half-written'
        run.exitCode == 1
        run.errLines.last() == "bulk-update.groovy: run ${id} stopped: cannot write the journal ${cnsh.runs.resolve(id + '.jsonl')}:".toString() +
                " no space left on device; fix that, then resume it with --resume ${id}"
        cnsh.written('agents/update') >= 3 && cnsh.written('agents/update') < rows(csv)
        !Files.exists(cnsh.runs.resolve(id + '.results.csv'))

        when: 'the disk has room again'
        Files.delete(filler)
        filesAreWhole(id)

        then:
        resumesToTheEnd(id, rows(csv))
    }

    def "a journal write refused part-way by the file-size limit of a cnsh process leaves a run that resumes"() {
        given: 'a limit the journal reaches after its plan, during the batches'
        def csv = changes()
        int limitKb = 12
        def child = ChildCnsh.start(cnsh, dir, ['run', SCRIPT, csv.toString(), '--apply', '--batch-size', '1'], limitKb)

        when:
        int exit = child.waitFor()
        String id = (child.err =~ /Started run (update-\S+);/)[0][1]

        then:
        exit == 1
        child.err.readLines().last() == "bulk-update.groovy: run ${id} stopped: cannot write the journal ${cnsh.runs.resolve(id + '.jsonl')}:".toString() +
                " file too large; fix that, then resume it with --resume ${id}"
        cnsh.written('agents/update') >= 1 && cnsh.written('agents/update') < rows(csv)
        Files.size(cnsh.runs.resolve(id + '.jsonl')) <= limitKb * 1024
        filesAreWhole(id)

        and:
        resumesToTheEnd(id, rows(csv))
    }
}
