package io.cnsh.proof

import io.cnsh.SpecResources
import io.cnsh.cli.Main
import io.cnsh.model.Secrets
import io.cnsh.repl.Tmux
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A whole day's work with debug logging on, against a standalone sandbox with its own API
 * credentials: token get and validate, creates and reads with {@code -e} (JSON and XML), a bulk
 * change of pins with {@code bulk-update.groovy}, every report, failures (wrong API password, a lost
 * answer, a server that keeps failing), and a shell session in a real terminal. Then every artefact
 * the work left behind is searched for the API password, the token and each agent's pin and
 * password: nothing may hold one, except the export the user asked to show secrets in (which proves
 * that the search would see them).
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'drives the shell in a tmux terminal')
class SecretsAuditSpec extends Specification {

    static final String API_USER = 'auditor'
    static final String API_PASSWORD = 'Api-Pa55-Zebra-7731'
    static final String WRONG_API_PASSWORD = 'Wr0ng-Api-Pa55-3318'
    /** Pins and passwords no other text would hold by chance (eight digits, no agentid looks like them). */
    static final Map<String, String> PINS = [audit1: '58372914', audit2: '60918273', audit3: '83920571']
    static final Map<String, String> PASSWORDS = [audit1: 'Quartz-Lynx-4417', audit2: 'Ember-Fjord-9052', audit3: 'Saffron-Kite-2618']
    /** The bulk update's new pins; audit3 already holds audit1's new pin, so the audit finds a shared pin. */
    static final Map<String, String> NEW_PINS = [audit1: '83920571', audit2: '94031682']
    static final String NEW_PASSWORD = 'Marble-Owl-7305'
    static final String REPL_PIN = '47182936'
    static final String REPL_PASSWORD = 'Cobalt-Heron-5521'
    static final String REPL_CREATE = "agents < create name: 'Repl Agent', username: 'replagent', pin: '${REPL_PIN}', password: '${REPL_PASSWORD}' >"

    @TempDir
    Path tmp

    @AutoCleanup
    Tmux tmux = new Tmux()

    /** What the standalone sandbox logged, one line per request. */
    @Shared
    List<String> sandboxLog = new CopyOnWriteArrayList<>()

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.NONE)
            .apiUser(API_USER, API_PASSWORD).requestLog(RequestLog.lines(sandboxLog::add)).build().start()

    /** Every command run: its words, exit code, standard output and standard error. */
    List<Map> commands = []

    Path home

    def setupSpec() {
        assert new File(Tmux.TMUX).canExecute(): 'this spec drives a real terminal with tmux: apt-get install tmux (.ci/run does)'
    }

    def "a full workflow with debug logging leaves no API password, token, pin or agent password in any artefact"() {
        given:
        home = tmp.resolve('home')
        Path inputs = Files.createDirectories(tmp.resolve('inputs'))      // the user's own files: not searched
        Path reports = Files.createDirectories(tmp.resolve('reports'))
        Path revealed = Files.createDirectories(tmp.resolve('revealed'))  // the one file the user asked secrets in
        String base = server.baseUri().toString()

        when: 'a token is fetched and checked'
        def tokenGet = cnsh('token', 'get')
        def tokenValidate = cnsh('token', 'validate')

        and: 'agents are created with -e, one in XML and two in one list'
        def create1 = cnsh('-e', "agents < create name: 'Audit One', username: 'audit1', pin: '${PINS.audit1}', password: '${PASSWORDS.audit1}' >")
        def create23 = cnsh('--format', 'xml', '-e', "agents.create([[name: 'Audit Two', username: 'audit2', pin: '${PINS.audit2}', password: '${PASSWORDS.audit2}'], " +
                "[name: 'Audit Three', username: 'audit3', pin: '${PINS.audit3}', password: '${PASSWORDS.audit3}']])")

        and: 'they are read back, by username, by pin and all of them, in JSON and XML'
        def reads = [cnsh('-e', "agents < read username: 'audit1' >"),
                     cnsh('-e', "agents < read pin: '${PINS.audit2}' >"),
                     cnsh('--format', 'xml', '-e', "agents < read password: '${PASSWORDS.audit3}' >"),
                     cnsh('-e', 'agents < read >')]

        and: 'a CSV changes two pins and a password: planned, then applied'
        Path changes = inputs.resolve('pins.csv')
        Files.writeString(changes, "username,pin,password\naudit1,${NEW_PINS.audit1},${NEW_PASSWORD}\naudit2,${NEW_PINS.audit2},\n")
        def plan = cnsh('run', script('bulk-update.groovy'), changes.toString())
        def apply = cnsh('run', script('bulk-update.groovy'), changes.toString(), '--apply')

        and: 'every report is made: summary, audit, duplicates, exports without secrets, HTML'
        def reportRuns = [cnsh('run', script('report.groovy'), 'summary'),
                          cnsh('run', script('report.groovy'), 'audit'),
                          cnsh('run', script('report.groovy'), 'duplicates', '--format', 'md'),
                          cnsh('run', script('report.groovy'), 'export'),
                          cnsh('run', script('report.groovy'), 'export', '--format', 'json', '--out', reports.resolve('export.json').toString()),
                          cnsh('run', script('report.groovy'), 'export', '--format', 'xml', '--out', reports.resolve('export.xml').toString()),
                          cnsh('run', script('report.groovy'), 'audit', '--format', 'html', '--out', reports.resolve('audit.html').toString()),
                          cnsh('run', script('report.groovy'), 'summary', '--format', 'html', '--out', reports.resolve('summary.html').toString())]

        and: 'the user asks for one export with the secrets in it'
        Path secretsExport = revealed.resolve('with-secrets.csv')
        def reveal = cnsh('run', script('report.groovy'), 'export', '--include-secrets', '--out', secretsExport.toString())

        and: 'things go wrong: a wrong API password, a token the server calls expired, a lost answer and a server that keeps failing (both with --trace), a bad pin'
        files(home.resolve('tokens')).each { Files.delete(it) }  // else the cached token is used and the wrong password never sent
        def wrongPassword = cnsh([CNSH_PASSWORD: WRONG_API_PASSWORD], 'token', 'get')
        def wrongAgain = cnsh([CNSH_PASSWORD: WRONG_API_PASSWORD], '-e', "agents < read pin: '${NEW_PINS.audit1}' >")
        server.faults().nextExpiredTokens(1)
        def expired = cnsh('-e', "agents < read pin: '${NEW_PINS.audit2}' >")
        server.faults().nextLostResponses(1)
        def lost = cnsh('--trace', '-e', "agents < create name: 'Audit Lost', username: 'auditlost', pin: '${PINS.audit1}', password: '${PASSWORDS.audit1}' >")
        server.faults().nextHttpErrors(4, 503)
        def failing = cnsh('--trace', '-e', "agents < read pin: '${NEW_PINS.audit1}', password: '${NEW_PASSWORD}' >")
        def badPin = cnsh('-e', "agents < update agentid: 550000, pin: '${NEW_PINS.audit2}x' >")

        and: 'a shell session in a terminal: a create with a pin, a read, /reveal off, /exit'
        String pane = replSession(base)

        and: 'the token in use, asked of token.php directly'
        String token = tokenFromServer(base)

        then: 'the work happened as a user would see it'
        tokenGet.code == 0 && tokenGet.out.startsWith("token for ${API_USER} at 127.0.0.1 valid until ")
        tokenValidate.code == 0 && tokenValidate.out.startsWith('token valid until ')
        create1.code == 0 && create1.out.trim() ==~ /5500\d\d/
        create23.code == 0
        reads*.code == [0, 0, 0, 0]
        reads[0].out.contains('Audit One') && reads[1].out.contains('Audit Two') && reads[2].out.contains('Audit Three')
        reads[3].out.contains('3 agents')
        plan.code == 4 && plan.out.contains('pin')
        apply.code == 0 && apply.out.contains('2 updated')
        reportRuns*.code == [0] * reportRuns.size()
        reveal.code == 0
        wrongPassword.code == 1 && wrongPassword.err.contains('Authentication failure')
        wrongAgain.code == 1 && wrongAgain.err.contains('Authentication failure')
        expired.code == 0 && expired.out.contains('Audit Two')
        lost.code == 1 && lost.err.contains('the outcome of creating 1 agent(s) is unknown')
        lost.err.contains('Caused by: io.cnsh.client.OutcomeUnknownException: ')      // the stack trace asked for with --trace
        failing.code == 1 && failing.err.contains('HTTP 503 from the server')
        failing.err.contains('Caused by: io.cnsh.client.TransportException: ')
        badPin.code == 1 && badPin.err.contains("field 'pin' must be digits only, got ****")
        pane.contains('created agent ') && pane.contains('Repl Agent') && pane.contains('pins and passwords are masked in output')

        and: 'the token was really the one in use: the token cache holds it, owner-only, and nothing else secret'
        List<Path> tokenFiles = files(home.resolve('tokens'))
        tokenFiles.size() == 1
        Files.readString(tokenFiles[0]).contains("token=${token}")
        Files.getPosixFilePermissions(tokenFiles[0])*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
        Files.getPosixFilePermissions(home.resolve('tokens'))*.toString().sort() == ['OWNER_EXECUTE', 'OWNER_READ', 'OWNER_WRITE']
        leaks(secrets(token) - [token], [(tokenFiles[0].toString()): Files.readString(tokenFiles[0])]).isEmpty()

        and: 'the export the user asked secrets in shows them (so the search below would find a leak) and is owner-only'
        String shown = Files.readString(secretsExport)
        [NEW_PINS.audit1, NEW_PINS.audit2, NEW_PASSWORD, PASSWORDS.audit2, PASSWORDS.audit3].every { shown.contains(it) }
        Files.getPosixFilePermissions(secretsExport)*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']

        and: 'the logs are there, full, and masked'
        String debug = commands.collect { it.err }.join('\n')
        List<String> debugLines = debug.readLines().findAll { it.startsWith('debug [ContactNowApi#') }
        debugLines.size() > 200
        debugLines.any { it.contains('token.php?action=get&username=auditor&password=****') }
        debugLines.any { it.contains('database.php?token=****&method=agents&action=create') }
        debugLines.any { it.contains('&pin=****') }
        debugLines.any { it.contains('&password=****') }
        debugLines.any { it.contains('"pin":"****","password":"****"') }
        debugLines.any { it.contains('"token":"****"') }
        debug.contains('<pin>****</pin>') && debug.contains('<password>****</password>')
        debugLines.any { it.contains('Audit Three') }
        pane.readLines().count { it.startsWith('debug [ContactNowApi#') } > 10
        pane.contains('"pin":"****"')
        sandboxLog.size() > 30 && sandboxLog.any { it.contains('agents/update json records=2 -> 200 ok total=2') }
        Files.readString(home.resolve('history')).contains("pin: '****'")

        and: 'no secret anywhere: output, errors, debug logs, history, journals, results, reports, the sandbox log, the terminal'
        Map<String, String> artefacts = artefacts(tokenFiles, reports, pane)
        artefacts.keySet().any { it.endsWith('.jsonl') } && artefacts.keySet().any { it.endsWith('.results.csv') }
        artefacts.keySet().any { it.endsWith('history') }
        artefacts.keySet().containsAll([reports.resolve('audit.html'), reports.resolve('export.json')]*.toString())
        artefacts.values().count { it.contains(Secrets.MASK) } > 10
        Map<String, List<String>> found = leaks(secrets(token), artefacts)
        found == [:]
    }

    /** Every text the work produced, by where it was found; the token cache is left out (it holds the token by design). */
    Map<String, String> artefacts(List<Path> tokenFiles, Path reports, String pane) {
        Map<String, String> artefacts = [:]
        commands.eachWithIndex { Map c, int i ->
            artefacts["command ${i} out".toString()] = c.out
            artefacts["command ${i} err".toString()] = c.err
        }
        files(home).findAll { !(it in tokenFiles) }.each { artefacts[it.toString()] = new String(Files.readAllBytes(it), StandardCharsets.UTF_8) }
        files(reports).each { artefacts[it.toString()] = Files.readString(it) }
        artefacts['sandbox request log'] = sandboxLog.join('\n')
        // the terminal echoes the line the user types, secrets and all, as they type it: that echo is their own
        // input (like the CSV they wrote), so it alone is taken out; everything cnsh printed is searched
        assert pane.contains(REPL_CREATE)
        artefacts['terminal'] = pane.replace(REPL_CREATE, '')
        artefacts
    }

    /** cnsh in this JVM against the standalone sandbox, with debug logging, the API password from the environment. */
    Map cnsh(Map<String, String> env = [:], String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        Map<String, String> e = [CNSH_HOME: home.toString(), CNSH_PASSWORD: API_PASSWORD] + env
        List<String> words = ['--base-url', server.baseUri().toString(), '--username', API_USER, '--debug'] + (args as List)
        int code = Main.run(e, new PrintWriter(out), new PrintWriter(err), words as String[])
        Map r = [code: code, out: out.toString(), err: err.toString()]
        commands << r
        r
    }

    static String script(String name) {
        Path.of('scripts', name).toAbsolutePath().toString()
    }

    /** Runs the shell in a tmux pane on the same home and target, and returns everything the pane showed. */
    String replSession(String base) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String classPath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> words = ['exec', 'env', '-u', 'CNSH_PROFILE', '-u', 'CNSH_BASE_URL', "CNSH_HOME=${home}".toString(),
                              "CNSH_PASSWORD=${API_PASSWORD}".toString(),
                              java, '-cp', classPath, 'io.cnsh.cli.Main', '--base-url', base, '--username', API_USER, '--debug']
        String command = words.collect { it == 'exec' || it == 'env' ? it : Tmux.quote(it) }.join(' ')
        // a scrollback long enough for every debug line of the session
        tmux.run('set-option', '-g', 'history-limit', '100000', ';',
                'new-session', '-d', '-s', 'spec', '-x', '160', '-y', '50', 'sleep 600')
        tmux.run('set-option', '-g', 'remain-on-exit', 'on')
        tmux.run('respawn-pane', '-k', '-t', 'spec', command)
        tmux.waitFor('\ncnsh 127.0.0.1>')
        // the names for completion are read in the background after the prompt; with --debug that read
        // is logged, and typing before it ends lets its lines land inside the typed line on screen
        tmux.waitFor('[ContactNowApi#readAgents] <--- END HTTP')
        tmux.type(REPL_CREATE)
        tmux.press('Enter')
        tmux.waitFor('created agent ')
        tmux.type("agents < read username: 'replagent' >")
        tmux.press('Enter')
        tmux.waitFor('1 agent\n')
        tmux.type('/reveal off')
        tmux.press('Enter')
        tmux.waitFor('pins and passwords are masked in output')
        tmux.type('/exit')
        tmux.press('Enter')
        tmux.waitUntil('the shell to end') { String s -> tmux.exited() }
        tmux.run('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', 'spec')
    }

    /** The token the sandbox hands this machine now (the one every cnsh call above was given). */
    static String tokenFromServer(String base) {
        def http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        String url = "${base}token.php?action=get&format=json&username=${API_USER}&password=${URLEncoder.encode(API_PASSWORD, 'UTF-8')}"
        def answer = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
        def m = answer.body() =~ /"token"\s*:\s*"([^"]+)"/
        assert m.find(): answer.body()
        m.group(1)
    }

    static List<String> secrets(String token) {
        [API_PASSWORD, WRONG_API_PASSWORD, token, NEW_PASSWORD, REPL_PIN, REPL_PASSWORD] +
                PINS.values() + PASSWORDS.values() + NEW_PINS.values()
    }

    /** For each artefact holding a secret, which secrets (by position in the list, never the value itself). */
    static Map<String, List<String>> leaks(List<String> secrets, Map<String, String> artefacts) {
        Map<String, List<String>> found = [:]
        artefacts.each { String name, String text ->
            List<String> which = []
            secrets.eachWithIndex { String s, int i ->
                if (text.contains(s) || text.contains(URLEncoder.encode(s, 'UTF-8'))) {
                    which << "secret #${i}".toString()
                }
            }
            if (which) {
                found[name] = which
            }
        }
        found
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
    }
}
