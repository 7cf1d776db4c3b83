package io.cnsh.scripts

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

class RevertScriptSpec extends Specification {

    static final String UPDATE = 'scripts/bulk-update.groovy'
    static final String CREATE = 'scripts/bulk-create.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    String runId(def run) {
        (run.err =~ /run ((update|create)-[0-9]{8}-[0-9]{6}-[0-9a-f]{4})/)[0][1]
    }

    def "debug"() {
        when:
        def csv = cnsh.file('changes.csv', 'username,auth_level,pin,userfield\ngokafor,admin,771199,Moved\nmbell,,,Moved\npraman,agent,,\n')
        def first = cnsh.run(UPDATE, csv, '--apply')
        cnsh.eval("agents < update agentid: 550006, userfield: 'Someone else' >")
        def plan = cnsh.run(UPDATE, '--revert', runId(first))
        def apply = cnsh.run(UPDATE, '--revert', runId(first), '--apply')
        def again = cnsh.run(UPDATE, '--revert', runId(apply))
        println first.out + first.err
        println plan.out + plan.err
        println apply.out + apply.err
        println again.out + again.err

        then:
        true
    }
}
