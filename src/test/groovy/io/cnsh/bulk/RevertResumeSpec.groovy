package io.cnsh.bulk

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** A revert is a run like any other: stopped mid-apply, it resumes from its journal and the CSV kept in runs/. */
class RevertResumeSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    Bulk bulk(Progress progress = Progress.none(), List<String> notices = []) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(2).progress(progress)
                .notices { String line -> notices << line }.build()
    }

    Map<String, String> userfields() {
        cnsh.readAll().collectEntries { [(it.username()): it.get('userfield')] }
    }

    def "a revert stopped mid-apply resumes: the rest goes back, nothing twice, and the CSV it needs is in runs/"() {
        given: 'a run that moved six agents'
        def before = userfields()
        def csv = cnsh.file('moves.csv', 'username,userfield\n' + ResumeSpec.USERS.collect { "${it},Relocated" }.join('\n') + '\n')
        def run = bulk().apply(bulk().planUpdate(csv))
        assert run.exitCode() == 0
        def moved = userfields()

        when: 'its revert is stopped after two rows'
        def notices = []
        def reached = new CountDownLatch(1)
        int code = -1
        Thread worker = Thread.start('revert') {
            code = bulk(ResumeSpec.holdAfter(2, reached), notices).revert(run.runId(), true, false, null, { })
        }
        assert reached.await(60, TimeUnit.SECONDS)
        worker.interrupt()
        worker.join(60_000)
        def revertId = (notices[0] =~ /Started run (update-\S+);/)[0][1]

        then: 'two agents are back, the others still moved'
        !worker.alive
        code == 1
        userfields().count { k, v -> v != moved[k] } == 2
        cnsh.runs.toFile().list().any { it.startsWith("revert-${run.runId()}-") && it.endsWith('.csv') }

        when: 'the revert run is resumed'
        def updates = cnsh.requests('agents/update')*.records().sum()
        def resumed = bulk().resume(revertId)

        then: 'every agent is as before the first run, and only the four left were sent'
        resumed.exitCode() == 0
        userfields() == before
        cnsh.requests('agents/update')*.records().sum() - updates == ResumeSpec.USERS.size() - 2
    }
}
