package io.cnsh.proof

import io.cnsh.RunNotice
import io.cnsh.cli.Main
import io.cnsh.client.AgentQuery
import io.cnsh.client.CnshHome
import io.cnsh.client.ContactNow
import io.cnsh.repl.ReplLauncher
import io.cnsh.repl.ReplTarget
import io.cnsh.sandbox.LoopbackHttp
import io.cnsh.sandbox.Reply
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * The same kinds of bad input through every way in: the shell (over plain streams, as it is
 * embedded), {@code cnsh -e}, script files, {@code bulk-update.groovy} with broken CSVs, and the
 * sandbox's HTTP API. Each mistake is answered by one line that names it, with the exit code of the
 * CLI contract (or, in the shell, the session going on), and not one agent is changed: the whole
 * account is compared before and after. Mistakes already covered for {@code -e} by
 * {@code BadInputCorpusSpec}, and payloads the sandbox's own {@code BadInputSpec} sends to create,
 * are not repeated for those ways in.
 */
class BadInputEntryPointsSpec extends Specification {

    /** Room for one value of the API's largest size (65,535 characters), not for much more. */
    static final int BODY_LIMIT = 128 * 1024

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).maxBodyBytes(BODY_LIMIT).build().start()

    @Shared
    ContactNow client = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').build()

    @Shared
    LoopbackHttp http = new LoopbackHttp(server)

    @TempDir
    Path home

    def setup() {
        server.reset(Seed.DEMO)
    }

    /** Every agent with every field: what "nothing written" is checked against. */
    List<Map<String, String>> account() {
        client.agents().readAll(AgentQuery.all()).toList()*.fields()
    }

    /** cnsh in this JVM against the sandbox, as {@code cnsh --base-url URL --username demo ARGS}. */
    Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], new PrintWriter(out), new PrintWriter(err),
                (['--base-url', server.baseUri().toString(), '--username', 'demo'] + (args as List)) as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    /** The shell over plain streams, as an application embeds it: types the lines, ends the input, returns code and screen. */
    Map shell(String... lines) {
        def target = ReplTarget.builder().label('sandbox').where('spec sandbox').sandbox(true).format(Format.JSON).client(client).build()
        def input = new ByteArrayInputStream((lines.join('\n') + '\n').getBytes(StandardCharsets.UTF_8))
        def output = new ByteArrayOutputStream()
        int code = ReplLauncher.builder().home(new CnshHome(home)).target(target).streams(input, output).build().start()
        String screen = output.toString('UTF-8')
        // what the shell printed after each prompt (the banner comes before the first)
        List<String> answers = (screen.split(/cnsh sandbox> /) as List<String>).drop(1)
        [code: code, screen: screen, answers: answers]
    }

    // DSL mistakes, as a user makes them at the shell or in a script: the line, the exit code of a
    // script (1 error, 3 refused by the API), and the words the one-line error must hold
    static final List<List> DSL_MISTAKES = [
            ['a misspelt verb', "agents < raed >", 1, "unknown verb 'raed' — did you mean 'read'?"],
            ['a misspelt field', "agents < update agentid: 550003, auth_levl: 'admin' >", 1, "unknown field 'auth_levl' — did you mean 'auth_level'?"],
            ['a Java-style field name', "agents < create name: 'A', authLevel: 'admin' >", 1, "did you mean 'auth_level'?"],
            ['a wrong type for limit', "agents < read limit: 'ten' >", 1, 'limit must be a whole number'],
            ['a bad value for a yes/no field', "agents < update agentid: 550003, aod: 'maybe' >", 1, "field 'aod' must be yes or no, got 'maybe'"],
            ['a pin with letters', "agents < update agentid: 550003, pin: '12ab' >", 1, "field 'pin' must be digits only, got ****"],
            ['an agentid on create', "agents < create agentid: 5, name: 'A' >", 1, 'create does not take agentid'],
            ['an update without agentid', "agents < update name: 'A' >", 1, 'update needs the agentid'],
            ['a known verb given plain text', "agents.create('Joe Bloggs')", 1, 'agents.create takes field: value pairs or a list of records, not (String)'],
            ['a good record beside a bad one', "agents.create([[name: 'Good One'], [name: 'Bad', aod: 'maybe']])", 1, "field 'aod' must be yes or no, got 'maybe' (record 2)"],
            ['a character XML cannot carry', "agents < update agentid: 550003, name: 'A\\u0000B' >", 1, "field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it"],
            ['an unpaired surrogate in a second record', "agents.create([[name: 'Good One'], [name: 'Bad \\uD800']])", 1, "field 'name' holds the unpaired surrogate U+D800 (character 5), which XML 1.0 cannot carry; remove it (record 2)"],
            ['a misspelt resource', "agentz < read >", 1, 'needs a resource name (agents); is it misspelt?'],
            ['an unknown variable', "agentz.read()", 1, "no variable or property 'agentz'"],
            ['an unknown agentid', "agents < update agentid: 1, name: 'A' >", 3, 'Record id [1] does not exist.'],
            ['a value over the API limit', "agents < update agentid: 550003, name: 'x' * 70000 >", 3, "field 'name' is longer than 65535 characters"],
    ]

    // Read arguments the API would drop or misread, so that the update after the read would reach
    // more agents than written (issue 11), and updates with nothing to change: refused before anything is sent
    static final List<List> SCOPE_MISTAKES = [
            ['a blank CSV cell as a read filter', "def row = [username: '']; (agents < read username: row.username >).update(filter: 999)", 1, "read filter 'username' has no value (got ''), so it would match every agent"],
            ["userfield: ''", "(agents < read userfield: '' >).update(filter: 999)", 1, "read filter 'userfield' has no value (got '')"],
            ['limit: size with size = 0', "def size = 0; (agents < read limit: size >).update(filter: 999)", 1, "limit must be a whole number from 1 to 2147483647, got '0'"],
            ['limit: 4294967297', "(agents < read limit: 4294967297 >).update(filter: 999)", 1, "limit must be a whole number from 1 to 2147483647, got '4294967297'"],
            ['start: 4294967296', "(agents < read start: 4294967296 >).update(filter: 999)", 1, "start must be a whole number from 0 to 2147483647, got '4294967296'"],
            ['limit: 2.9', "(agents < read limit: 2.9 >).update(filter: 999)", 1, "limit must be a whole number from 1 to 2147483647, got '2.9'"],
            ["all: 'false'", "(agents < read all: 'false' >).update(filter: 999)", 1, "all takes true or false, got 'false'"],
            ["agentid: 'x' in a read", "(agents < read agentid: 'x' >).update(filter: 999)", 1, "field 'agentid' must be digits only, got 'x'"],
            ["aod: 'maybe' in a read", "(agents < read aod: 'maybe' >).update(filter: 999)", 1, "field 'aod' must be yes or no, got 'maybe'"],
            ['a bad statement filter', "(agents < read filter: '!= 999 OR 1=1' >).update(filter: 999)", 1, "filter '!= 999 OR 1=1' compares with text, not whole numbers"],
            ['an update with nothing to change', "agents < update agentid: 550003 >", 1, 'update of agent 550003 has nothing to change'],
            ['a list update with nothing to change', "(agents < read selfserve_id: 3101 >).update([:])", 1, 'update of a list has nothing to change'],
    ]

    def "at the shell, #what is one line naming it; the session goes on and nothing is written"() {
        given:
        def before = account()

        when: 'the mistake, then a line that works'
        def s = shell(line, '6 * 7')

        then: 'one line names the mistake (after the run id of the journal, for a write the API refused)'
        s.answers.size() >= 2
        s.answers[0].readLines().size() == (exit == 3 ? 2 : 1)
        exit != 3 || RunNotice.isNotice(s.answers[0].readLines()[0])
        s.answers[0].contains(mentions)
        !s.screen.contains('\tat ')

        and: 'the session goes on, and ends normally at the end of the input'
        s.answers[1].trim() == '42'
        s.code == 0

        and:
        account() == before

        where:
        [what, line, exit, mentions] << DSL_MISTAKES + SCOPE_MISTAKES
    }

    def "in a script file, #what fails in one line naming the file and line, exit #exit, and nothing is written"() {
        given:
        def before = account()
        def script = home.resolve('mistake.groovy')
        Files.writeString(script, "def n = 1\n${line}\nprintln 'not reached'\n")

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == exit
        r.err.readLines().size() == (exit == 3 ? 2 : 1)
        exit != 3 || RunNotice.isNotice(r.err.readLines()[0])
        r.err.readLines().last().startsWith('cnsh: mistake.groovy:2: ')
        r.err.contains(mentions)
        !r.out.contains('not reached')
        account() == before

        where:
        [what, line, exit, mentions] << DSL_MISTAKES + SCOPE_MISTAKES
    }

    def "-e with #what fails in one line naming it, exit #exit, and writes nothing"() {
        given:
        def before = account()

        when:
        def r = cnsh('-e', line)

        then:
        r.code == exit
        r.err.readLines().size() == (exit == 3 ? 2 : 1)
        exit != 3 || RunNotice.isNotice(r.err.readLines()[0])
        r.err.readLines().last().startsWith('cnsh: -e:1: ')
        r.err.contains(mentions)
        r.out.isEmpty()
        account() == before

        where: 'the ones BadInputCorpusSpec does not send'
        [what, line, exit, mentions] << DSL_MISTAKES.findAll { it[0] in ['a known verb given plain text', 'a value over the API limit', 'a bad value for a yes/no field'] } + SCOPE_MISTAKES
    }

    def "a leaver script over a CSV with a blank username cell stops at that row, having soft-deleted only the agent named before it"() {
        given:
        def before = account()
        Path csv = home.resolve('leavers.csv')
        Files.writeString(csv, 'username,left\nmbell,2026-11-27\n,2026-11-28\nsrossi,2026-11-30\n')
        Path script = home.resolve('leavers.groovy')
        Files.writeString(script, '''\
def rows = new File(args[0]).readLines().drop(1).collect { line ->
    def cells = line.split(',', -1)
    [username: cells[0], left: cells[1]]
}
rows.each { row ->
    (agents < read username: row.username >).update(filter: 999)
    println "soft-deleted ${row.username}"
}
''')

        when:
        def r = cnsh('run', script.toString(), csv.toString())

        then: 'the blank row is refused in one line, and the rows after it are not reached'
        r.code == 1
        r.out == 'soft-deleted mbell\n'
        RunNotice.normalised(r.err) == "${RunNotice.SAID}\n" + "cnsh: leavers.groovy:6: read filter 'username' has no value (got ''), so it would match every agent;" +
                " to find agents without one, read without it and use .where(username: { !it })\n"

        and: 'mbell is the one agent changed: no other agent was soft-deleted'
        def after = account()
        after.findAll { it.filter == '999' }*.username.sort() == ['mbell', 'mleaver']
        after.findAll { it.username != 'mbell' } == before.findAll { it.username != 'mbell' }
    }

    def "shell commands with bad arguments answer in one line and the session goes on: #line"() {
        when:
        def s = shell(line, '6 * 7')

        then:
        s.answers[0].readLines().size() == 1
        s.answers[0].contains(mentions)
        s.answers[1].trim() == '42'
        s.code == 0

        where:
        line                 || mentions
        '/frobnicate'        || 'unknown command /frobnicate (/help lists the commands)'
        '/reveal maybe'      || 'usage: /reveal on|off'
        '/exit soon'         || 'usage: /exit [CODE]'
    }

    // bulk-update.groovy --apply with broken CSVs: the file, and the words of the one line on err
    def "bulk-update --apply with #what refuses in one line on err naming it, exit 1, and writes nothing"() {
        given:
        def before = account()
        Path csv = home.resolve('changes.csv')
        Files.write(csv, bytes instanceof String ? ((String) bytes).getBytes(StandardCharsets.UTF_8) : (byte[]) bytes)

        when:
        def r = cnsh('run', Path.of('scripts', 'bulk-update.groovy').toAbsolutePath().toString(), csv.toString(), '--apply')

        then:
        r.code == 1
        r.err.readLines().size() == 1
        r.err.startsWith('bulk-update.groovy: changes.csv: ')
        r.err.contains(mentions)
        !r.out.contains('Applied run')
        account() == before
        !Files.exists(home.resolve('runs')) || home.resolve('runs').toFile().list().length == 0

        where:
        what                          | bytes                                                              || mentions
        'an unknown column'           | 'agentid,auth_levl\n550003,admin\n'                                || "row 1: unknown column 'auth_levl' (did you mean 'auth_level'?)"
        'a column named twice'        | 'agentid,name,name\n550003,A,B\n'                                  || "row 1: column 'name' appears twice in the header (columns 2 and 3)"
        'Latin-1 text'                | 'agentid,name\n550003,Ren\u00e9e\n'.getBytes('ISO-8859-1')          || 'row 2 is not UTF-8 text (first bad byte 0xE9 on line 2) at byte 23 (looks like Latin-1?)'
        'a binary file'               | [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2] as byte[]                     || 'row 1 is not UTF-8 text (first bad byte 0x89 on line 1) at byte 0 (looks like a binary file?)'
        'an empty file'               | ''                                                                 || 'the file is empty; it needs a header row naming the columns'
        'no key column'               | 'name,userfield\nX,Y\n'                                            || 'row 1: no key column: add an agentid or a username column'
        'a key column alone'          | 'agentid\n550003\n'                                                || "row 1: only the key column 'agentid'"
        'an unclosed quote'           | 'agentid,name\n550003,"Open\n'                                     || 'row 2: the quoted cell in column 2 is never closed'
        'a row wider than the header' | 'agentid,name\n550003,A,B\n'                                       || 'row 2 has 3 cells but the header has 2 columns'
        'a bad value'                 | 'agentid,aod\n550003,maybe\n'                                      || 'row 2 has a problem; nothing was sent'
        'a pin with letters'          | 'agentid,pin\n550003,12ab\n'                                       || 'row 2 has a problem; nothing was sent'
        'an agentid that is not one'  | 'agentid,name\nabc,X\n'                                            || 'row 2 has a problem; nothing was sent'
        'an unknown agentid'          | 'agentid,name\n999999,X\n'                                         || 'row 2 has a problem; nothing was sent'
        'an unknown username'         | 'username,name\nnobody,X\n'                                        || 'row 2 has a problem; nothing was sent'
        'a username held twice'       | 'username,name\njsmith,X\n'                                        || 'row 2 has a problem; nothing was sent'
        'good rows beside a bad one'  | 'agentid,userfield\n550003,Moved\n550006,Moved\n999999,Moved\n'    || 'row 4 has a problem; nothing was sent'
    }

    def "the plan of a CSV with bad rows names each one on its row, and the refusal says how to go on"() {
        given:
        Path csv = home.resolve('changes.csv')
        Files.writeString(csv, 'agentid,aod,pin\n550003,maybe,12ab\n550006,yes,\n999999,no,\n')

        when:
        def r = cnsh('run', Path.of('scripts', 'bulk-update.groovy').toAbsolutePath().toString(), csv.toString(), '--apply')

        then:
        r.code == 1
        r.out.contains("! row 2: agent 550003 gokafor: field 'aod' must be yes or no, got 'maybe'; field 'pin' must be digits only, got ****")
        r.out.contains('! row 4: no agent has agentid 999999')
        r.err == 'bulk-update.groovy: changes.csv: rows 2, 4 have problems; nothing was sent (fix them, or leave them out with --skip-invalid)\n'
        !r.out.contains('12ab') && !r.err.contains('12ab')
    }

    // The sandbox's HTTP API. Its BadInputSpec sends malformed payloads to create and checks that it keeps
    // serving; here the same kinds of payload go to update (and a few new ones to both), and the store
    // must be exactly as before.
    def "sandbox HTTP: #what sent to #action is refused whole in one line, and the store is unchanged"() {
        given:
        def before = account()
        String token = http.token()
        Path secret = home.resolve('secret.txt')
        Files.writeString(secret, 'TOP-SECRET-CONTENT')
        byte[] body = (payload instanceof byte[] ? payload : payload.toString().replace('SECRET', secret.toUri().toString()).getBytes(StandardCharsets.UTF_8))

        when:
        Reply r = http.post("database.php?token=${token}&method=agents&action=${action}&format=${format}&raw=1", body)

        then:
        r.status == 200
        r.error() != null
        !r.error().contains('\n')
        expected instanceof java.util.regex.Pattern ? r.error() ==~ expected : r.error() == expected
        !r.text().contains('TOP-SECRET')
        account() == before

        where:
        what                                   | action   | format | payload                                                                                                      || expected
        'an external entity'                   | 'update' | 'xml'  | '<?xml version="1.0"?><!DOCTYPE dxi [<!ENTITY x SYSTEM "SECRET">]><dxi><agentid>550003</agentid><name>&x;</name></dxi>' || 'Bad payload: XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed'
        'a billion-laughs bomb'                | 'update' | 'xml'  | '<!DOCTYPE dxi [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><dxi><agentid>550003</agentid><name>&c;</name></dxi>' || 'Bad payload: XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed'
        'a JSON body over the limit'           | 'update' | 'json' | ('[' + ('{"agentid":"550003","userfield":"' + 'x' * 1000 + '"},') * 150 + '{"agentid":"550006"}]')             || "Bad payload: request body is over the limit of ${BODY_LIMIT} bytes".toString()
        'an XML body over the limit'           | 'create' | 'xml'  | ('<dxi>' + ('<agent><name>' + 'x' * 1000 + '</name></agent>') * 150 + '</dxi>')                                 || "Bad payload: request body is over the limit of ${BODY_LIMIT} bytes".toString()
        'an XML body over the limit'           | 'update' | 'xml'  | ('<dxi>' + ('<agent><agentid>550003</agentid><name>' + 'x' * 1000 + '</name></agent>') * 150 + '</dxi>')          || "Bad payload: request body is over the limit of ${BODY_LIMIT} bytes".toString()
        'a good record beside a number'        | 'update' | 'json' | '[{"agentid":"550003","name":"Changed"},5]'                                                                    || 'Bad payload: JSON payload record 2 is not an object (found a number)'
        'a good record beside a cut-off one'   | 'update' | 'json' | '[{"agentid":"550003","name":"Changed"},{"agentid":"550006","name":'                                          || ~/Bad payload: malformed JSON at line 1, column \d+: .+/
        'a field named twice'                  | 'update' | 'json' | '[{"agentid":"550003","name":"A","name":"B"}]'                                                                 || "Bad payload: an agent record names the field 'name' twice"
        'a field holding elements'             | 'update' | 'xml'  | '<dxi><agentid>550003</agentid><name><first>Changed</first></name></dxi>'                                     || "Bad payload: XML field 'name' holds elements or attributes instead of text"
        'a good record beside a text-only one' | 'update' | 'xml'  | '<dxi><agent><agentid>550003</agentid><name>Changed</name></agent><agent>Joe</agent></dxi>'                   || 'Bad payload: an <agent> element holds text instead of fields'
        'a CSV row wider than its header'      | 'update' | 'csv'  | 'agentid,name\n550003,Changed\n550006,B,extra\n'                                                              || 'Bad payload: CSV row 3 has 3 cells but the header has 2'
        'U+0000 as a character reference'      | 'update' | 'xml'  | '<dxi><agentid>550003</agentid><name>A&#0;B</name></dxi>'                                                     || ~/Bad payload: malformed XML at line 1, column \d+: Invalid character reference: null character not allowed in XML content\./
        'a raw control character'              | 'create' | 'xml'  | '<dxi><agent><name>A\u0001B</name></agent></dxi>'                                                            || ~/Bad payload: malformed XML at line 1, column \d+: Illegal character .*/
    }

    def "sandbox HTTP: a record with #what is counted bad and named, in a success answer, and nothing of it is written (#action)"() {
        given:
        def before = account()
        String token = http.token()

        when:
        Reply r = http.post("database.php?token=${token}&method=agents&action=${action}&format=json&raw=1", payload)

        then: 'the API counts bad records rather than failing the call, and says why'
        r.status == 200
        r.json().path('success').asBoolean()
        r.json().path('total').asInt() == 0
        r.json().path('bad').asInt() == 1
        r.error() == expected
        account() == before

        where:
        what                          | action   | payload                                                         || expected
        'an unknown agentid'          | 'update' | '[{"agentid":"999999","name":"X"}]'                             || 'Record id [999999] does not exist.'
        'an agentid that is not one'  | 'update' | '[{"agentid":"abc","name":"X"}]'                                || 'Record id [abc] does not exist.'
        'no agentid'                  | 'update' | '[{"name":"X"}]'                                                || 'Record id [] does not exist.'
        'a field name with a space'   | 'update' | '[{"agentid":"550003","bad name":"X"}]'                         || "Record 1: field name 'bad name' is not a valid name (letters, digits, _ . -, starting with a letter or _, at most 64)."
        'a field name with a space'   | 'create' | '[{"name":"X","bad name":"Y"}]'                                 || "Record 1: field name 'bad name' is not a valid name (letters, digits, _ . -, starting with a letter or _, at most 64)."
        'a value over 65,535 chars'   | 'update' | '[{"agentid":"550003","name":"' + 'x' * 65536 + '"}]'           || "Record 1: field 'name' is longer than 65535 characters."
        'a value over 65,535 chars'   | 'create' | '[{"name":"' + 'x' * 65536 + '"}]'                              || "Record 1: field 'name' is longer than 65535 characters."
        'U+0000 in a value'           | 'update' | '[{"agentid":"550003","name":"A\\u0000B"}]'                     || "Record 1: field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it."
        'U+0000 in a value'           | 'create' | '[{"name":"A\\u0000B"}]'                                        || "Record 1: field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it."
        'an unpaired surrogate'       | 'create' | '[{"name":"Ann \\ud800"}]'                                      || "Record 1: field 'name' holds the unpaired surrogate U+D800 (character 5), which XML 1.0 cannot carry; remove it."
        'U+FFFF in an unlisted field' | 'create' | '[{"name":"A","note":"x\\uffff"}]'                             || "Record 1: field 'note' holds the non-character U+FFFF (character 2), which XML 1.0 cannot carry; remove it."
        'a control char in a pin'     | 'update' | '[{"agentid":"550003","pin":"12\\u001b3"}]'                    || "Record 1: field 'pin' holds the control character U+001B (character 3), which XML 1.0 cannot carry; remove it."
    }
}
