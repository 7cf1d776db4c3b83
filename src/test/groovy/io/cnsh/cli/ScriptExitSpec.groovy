package io.cnsh.cli

import io.cnsh.client.Confirmer
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code exit N} in {@code cnsh run} and {@code cnsh -e}: it ends the script whatever catches
 * exceptions, no write is sent after it, and codes outside 0 to 255 are refused rather than wrapped.
 * The target is a profile on a loopback sandbox; agent 550004 (Daniel Whitfield) has music on hold
 * 'default' until a script gets through to it.
 */
class ScriptExitSpec extends Specification {

    static final String APPLY = "agents < update agentid: 550004, moh: 'applied' >"

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path home

    def setup() {
        sandbox.reset()
        Files.writeString(home.resolve('config'), """\
            [profiles.lab]
            url = "${sandbox.server.baseUri()}"
            username = "demo"
            """.stripIndent())
    }

    def "a dry-run branch's exit 4 inside a try does not fall into the apply step"() {
        given:
        Path script = write('plan-then-apply.groovy', """\
            boolean apply = args.contains('--apply')
            try {
                if (!apply) {
                    println 'plan: 1 agent to change'
                    exit 4
                }
            } catch (Exception e) {
                println "warning: \${e.message}"
            }
            println 'applying'
            $APPLY
            """)

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 4
        r.out == 'plan: 1 agent to change\n'
        r.err == ''
        moh() == 'default'

        when: 'the same script with --apply'
        r = cnsh('run', script.toString(), '--apply')

        then:
        r.code == 0
        r.out == 'applying\n'
        moh() == 'applied'
    }

    def "Groovy's untyped catch (e) and a catch inside a closure do not stop exit either"() {
        when:
        def r = cnsh('-e', """\
            try { [1, 2].each { n -> exit 3 } } catch (e) { println 'swallowed' }
            try { agents { exit 3 } } catch (RuntimeException e) { println 'swallowed' }
            $APPLY
            """.stripIndent())

        then:
        r.code == 3
        r.out == ''
        moh() == 'default'
    }

    def "after catch (Throwable) around exit a write is refused, and the script still ends with 4"() {
        given:
        Path script = write('stubborn.groovy', """\
            try {
                exit 4
            } catch (Throwable t) {
                println "caught \${t.class.simpleName}"
            }
            $APPLY
            println 'not reached'
            """)

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 4
        r.out == 'caught ScriptExit\n'
        r.err == 'stubborn.groovy:6: nothing sent: the script called exit 4; nothing is written after exit\n'
        moh() == 'default'
    }

    def "a script that swallows every throwable still ends with the code of its exit, nothing written after it"() {
        given:
        Path script = write('swallow-all.groovy', """\
            try { exit 4 } catch (Throwable t) { }
            try { $APPLY } catch (Throwable t) { println 'refused' }
            try { cn.agents().create([io.cnsh.model.Agent.of(name: 'Late Agent')]) } catch (Throwable t) { println 'refused' }
            try { exit 0 } catch (Throwable t) { }
            'the end'
            """)

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 4
        r.out == 'refused\nrefused\n'
        moh() == 'default'
        sandbox.readAll().every { it.name() != 'Late Agent' }
    }

    def "a write in a finally block after exit is refused, and the exit code stands"() {
        when:
        def r = cnsh('-e', """\
            try {
                exit 4
            } finally {
                $APPLY
            }
            """.stripIndent())

        then:
        r.code == 4
        r.err == '-e:4: nothing sent: the script called exit 4; nothing is written after exit\n'
        moh() == 'default'
    }

    def "a write from another thread after exit is refused"() {
        when:
        def r = cnsh('-e', """\
            try { exit 5 } catch (Throwable t) { }
            def refused = null
            Thread.start { try { $APPLY } catch (e) { refused = e.message } }.join()
            println refused
            """.stripIndent())

        then:
        r.code == 5
        r.out == 'nothing sent: the script called exit 5; nothing is written after exit\n'
        moh() == 'default'
    }

    def "exit #value is refused rather than wrapped: one line on err, exit 1, and nothing written after it"() {
        when:
        def r = cnsh('-e', """\
            try { exit $value } catch (Exception e) { }
            $APPLY
            """.stripIndent())

        then:
        r.code == 1
        r.err == "cnsh: exit $shown refused: exit takes a whole number from 0 to 255 (codes past 255 would wrap); the script ends with 1\n"
        moh() == 'default'

        where:
        value          || shown
        '256'          || '256'
        '-1'           || '-1'
        '4294967300'   || '4294967300'
        '2.9'          || '2.9'
        "'4'"          || "'4'"
        'null'         || 'null'
    }

    def "exit #value ends the script with that code"() {
        expect:
        cnsh('-e', "exit $value").code == code

        where:
        value  || code
        '0'    || 0
        '255'  || 255
        '4L'   || 4
        '3G'   || 3
    }

    def "--help of a script's own options still ends it with 0, inside a try"() {
        given:
        Path script = write('opts.groovy', """\
            class Opts { @picocli.CommandLine.Option(names = '--apply') boolean apply }
            try { parseArgs(new Opts()) } catch (Exception e) { println 'swallowed' }
            $APPLY
            """)

        when:
        def r = cnsh('run', script.toString(), '--help')

        then:
        r.code == 0
        r.out.startsWith('Usage: opts.groovy')
        moh() == 'default'
    }

    def "the bulk script's plan ends with 4 and sends nothing"() {
        given:
        Path csv = write('changes.csv', 'agentid,moh\n550004,applied\n')

        when:
        def r = cnsh('run', 'scripts/bulk-update.groovy', csv.toString())

        then:
        r.code == 4
        moh() == 'default'
    }

    private Path write(String name, String text) {
        Path file = home.resolve(name)
        Files.writeString(file, text.stripIndent())
        file
    }

    private String moh() {
        sandbox.agent(agentid: '550004').moh()
    }

    private Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        String[] argv = (['--profile', 'lab'] + args.toList()) as String[]
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], Confirmer.NO_TERMINAL,
                new PrintWriter(out), new PrintWriter(err), argv)
        [code: code, out: out.toString(), err: err.toString()]
    }
}
