package io.cnsh.cli

import io.cnsh.RunNotice
import io.cnsh.client.Confirmer
import io.cnsh.dsl.DslDocsSpec
import io.cnsh.dsl.OneForm
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code cnsh -e} of a single DSL form with literal arguments is answered by {@link OneForm} without
 * compiling Groovy, and says exactly what the compiled path says: every such form in dsl-docs and the
 * README, and a set of awkward ones, runs both ways against the same sandbox reset to the demo agents
 * with a fresh {@code CNSH_HOME} each time, and stdout, stderr, the exit code, the requests the
 * sandbox received and the agents it holds afterwards must be equal.
 */
class OneFormCliSpec extends Specification {

    static final String SECRET_PIN = '731946'

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def "#text: answered without the compiler, as the compiled path answers it"() {
        when:
        def fast = cnsh(false, '-e', text)
        def compiled = cnsh(true, '-e', text)

        then: 'the form is one the fast path takes, and its answer is the compiled one'
        OneForm.parse(text).isPresent()
        fast == compiled

        where:
        text << docForms()
    }

    def "the pages' one-forms include reads, creates, updates and refusals"() {
        expect:
        docForms().size() >= 8
        docForms().any { it.contains('< read') }
        docForms().any { it.contains('< create') }
        docForms().any { it.contains('< update') }
        docForms().contains("agents < read auth_levl: 'admin' >")
    }

    def "#what both ways: the same output, error and exit code"() {
        when:
        def fast = cnsh(false, '-e', text)
        def compiled = cnsh(true, '-e', text)

        then:
        OneForm.parse(text).isPresent() == oneForm
        fast == compiled
        fast.code == code

        where:
        what                        | text                                                        || oneForm | code
        'an empty string filter'    | "agents < read auth_level: '' >"                            || true    | 1
        'a blank string filter'     | "agents < read auth_level: ' ' >"                           || true    | 1
        'a null filter'             | 'agents < read auth_level: null >'                          || true    | 1
        'limit 0'                   | 'agents < read limit: 0 >'                                  || true    | 1
        'limit -1'                  | 'agents < read limit: -1 >'                                 || true    | 1
        'limit 2^32'                | 'agents < read limit: 4294967296 >'                         || true    | 1
        'limit 2^31 (a Long)'       | 'agents < read limit: 2147483648 >'                         || true    | 1
        'limit -2^31 (an Integer)'  | 'agents < read limit: -2147483648 >'                        || true    | 1
        'limit 2.9 (a BigDecimal)'  | 'agents < read limit: 2.9 >'                                || true    | 1
        'limit 2.0'                 | 'agents < read limit: 2.0 >'                                || true    | 1
        'a huge number'             | 'agents < read start: 123456789012345678901234567890 >'     || true    | 1
        'a boolean'                 | 'agents < read all: true, limit: 3 >'                       || true    | 0
        'false'                     | "agents < read all: false, auth_level: 'admin' >"           || true    | 0
        'a number as a filter'      | 'agents < read selfserve_id: 3104 >'                        || true    | 0
        'a filter statement'        | "agents < read filter: '!= 999', limit: 2 >"                || true    | 0
        'double quotes'             | 'agents < read auth_level: "admin" >'                       || true    | 0
        'an unknown field'          | "agents < read colour: 'red' >"                             || true    | 1
        'an unknown verb'           | "agents < delete agentid: 550000 >"                         || false   | 1
        'a read with no arguments'  | 'agents < read >'                                           || true    | 0
        'a create with no fields'   | 'agents < create >'                                         || false   | 1
        'a create with agentid'     | "agents < create agentid: 1, name: 'X' >"                   || true    | 1
        'a create with a secret'    | "agents < create name: 'Sec Ret', pin: '${SECRET_PIN}' >"   || true    | 0
        'a secret that is refused'  | "agents < create name: 'Sec Ret', pin: '${SECRET_PIN}x' >"  || true    | 1
        'an update without agentid' | "agents < update name: 'Nobody' >"                          || true    | 1
        'an update of no agent'     | "agents < update agentid: 1, name: 'Nobody' >"              || true    | 3
        'an update'                 | "agents < update agentid: 550004, moh: 'none' >"            || true    | 0
        'a bad value'               | "agents < update agentid: 550004, aod: 'perhaps' >"         || true    | 1
        'comments and ;'            | "// admins\nagents < read auth_level: 'admin' > ; /* x */"  || true    | 0
        'an error on line 3'        | "\n// the form\nagents < read colour: 'red' >\n"            || true    | 1
        'a GString'                 | 'agents < read auth_level: "ad${\'min\'}" >'                || false   | 0
        'an escape'                 | "agents < read name: 'Priya\\u0020Raman' >"                 || false   | 0
        'a variable'                | 'agents < read auth_level: level >'                         || false   | 1
        'a second statement'        | "agents < read auth_level: 'admin' >; 42"                   || false   | 0
        'a call on the result'      | "agents < read auth_level: 'admin' >.size()"                || false   | 0
        'a line break in the form'  | "agents < read auth_level: 'admin',\n  limit: 1 >"          || false   | 0
        'a repeated name'           | "agents < read limit: 1, limit: 2 >"                        || false   | 1
        'an octal-looking number'   | 'agents < read limit: 010 >'                                || false   | 0
        'a suffixed number'         | 'agents < read limit: 3L >'                                 || false   | 0
        'a list'                    | 'agents < update([[agentid: 550004, moh: "none"]]) >'       || false   | 0
    }

    def "a secret in a create stays out of the output and errors both ways"() {
        when:
        def runs = [false, true].collectMany { compiled ->
            [cnsh(compiled, '-e', "agents < create name: 'Sec Ret', pin: '${SECRET_PIN}' >"),
             cnsh(compiled, '-e', "agents < create name: 'Sec Ret', pin: '${SECRET_PIN}x' >")]
        }

        then:
        runs.every { !it.out.contains(SECRET_PIN) && !it.err.contains(SECRET_PIN) }
        runs[0] == runs[2]
        runs[1] == runs[3]
    }

    def "on a production profile a one-form write #what is sent or refused as the compiled one is"() {
        given:
        String config = """\
            [profiles.prod]
            url = "${sandbox.server.baseUri()}"
            username = "demo"
            production = true
            """.stripIndent()

        when:
        def fast = cnsh(false, config, ['--profile', 'prod'] + options + ['-e', text])
        def compiled = cnsh(true, config, ['--profile', 'prod'] + options + ['-e', text])

        then:
        fast == compiled
        fast.code == code
        fast.requests.count { it[2] == 'agents/update' } == sent

        where:
        what                         | options                       | text                                                || code | sent
        'of one agent, no terminal'  | []                            | "agents < update agentid: 550004, moh: 'x' >"       || 0    | 1
        'past --max-changes 0'       | ['--max-changes', '0']        | "agents < update agentid: 550004, moh: 'x' >"       || 2    | 0
        'with --yes'                 | ['--yes']                     | "agents < update agentid: 550004, moh: 'x' >"       || 0    | 1
        'with --yes, --max-changes 1' | ['--yes', '--max-changes', '1'] | "agents < update agentid: 550004, moh: 'x' >"   || 0    | 1
        'a read'                     | []                            | "agents < read auth_level: 'admin' >"               || 0    | 0
    }

    def "the same one-form run twice gives the same answer both times"() {
        when:
        def first = cnsh(false, '-e', "agents < read auth_level: 'supervisor', sort: 'name', limit: 2 >")
        def second = cnsh(false, '-e', "agents < read auth_level: 'supervisor', sort: 'name', limit: 2 >")

        then:
        first == second
        first.code == 0
        first.out.endsWith('2 of 4 agents\n')
    }

    // --- running

    /** Runs cnsh in-process against the sandbox, reset first, in a fresh home; what it printed and did. */
    private Map cnsh(boolean compiled, String... args) {
        cnsh(compiled, null, ['--base-url', sandbox.server.baseUri().toString(), '--username', 'demo'] + (args as List))
    }

    private Map cnsh(boolean compiled, String config, List<String> args) {
        Path home = Files.createTempDirectory(dir, 'home')
        if (config != null) {
            Files.writeString(home.resolve('config'), config)
        }
        sandbox.reset()
        def out = new StringWriter()
        def err = new StringWriter()
        Confirmer nobody = { String question -> Confirmer.Answer.NO_TERMINAL } as Confirmer
        Scripts.COMPILE_ONE_FORMS.set(compiled)
        int code
        try {
            code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], nobody,
                    new PrintWriter(out), new PrintWriter(err), args as String[])
        } finally {
            Scripts.COMPILE_ONE_FORMS.remove()
        }
        def requests = sandbox.requests.collect {
            [it.httpMethod(), it.path(), it.operation(), it.format(), it.records(), it.outcome(), it.status()]
        }
        // a write's run notice names a run of its own each time: the id is normalised, the rest compared as it is
        [code: code, out: out.toString(), err: RunNotice.normalised(err.toString()), requests: requests,
         agents: sandbox.readAll().collect { it.fields() }]
    }

    /**
     * Every text in dsl-docs and the README that is one form with literal arguments: each example and
     * each of its lines, and each {@code -e} of a console session.
     */
    static List<String> docForms() {
        List<String> texts = []
        DslDocsSpec.examples().each { page, n, DslDocsSpec.Example e ->
            if (e.kind == 'console') {
                e.steps.each { step ->
                    List<String> words = DslDocsSpec.words(step.command)
                    words.eachWithIndex { w, int i -> if (w == '-e' && i + 1 < words.size()) texts << words[i + 1] }
                }
            } else {
                texts << e.code
                texts.addAll(e.code.readLines())
            }
        }
        (new File('README.md').text =~ /(?ms)^```[a-z]*\n(.*?)^```/).each { m -> texts.addAll(m[1].readLines()) }
        (new File('README.md').text =~ /-e\s+"([^"]*)"/).each { m -> texts << m[1] }
        (new File('README.md').text =~ /-e\s+'([^']*)'/).each { m -> texts << m[1] }
        texts.collect { it.strip() }.findAll { OneForm.parse(it).isPresent() }.unique()
    }
}
