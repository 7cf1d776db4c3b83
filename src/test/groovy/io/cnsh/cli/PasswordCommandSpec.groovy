package io.cnsh.cli

import io.cnsh.client.ConfigException
import io.cnsh.client.ConfigText
import io.cnsh.client.PasswordCommand
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Where a profile's API password comes from: a {@code password_command} (run for real, against a
 * sandbox that accepts only that password), a saved one, {@code CNSH_PASSWORD}; and a password
 * saved with {@code cnsh profile add --save-password --password-stdin} in a child process. The
 * password never shows in output, debug logs, messages or any file but {@code credentials}.
 */
class PasswordCommandSpec extends Specification {

    static final String USER = 'cnsh-api'
    static final String PASSWORD = 'Pw-7rK2x9!q'

    @Shared @AutoCleanup SandboxFixture cnsh = SandboxFixture.start(apiUser: USER, apiPassword: PASSWORD)

    @TempDir Path tmp
    Path secret
    Path marker
    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    def setup() {
        ['config', 'credentials'].each { Files.deleteIfExists(cnsh.home.resolve(it)) }
        cnsh.home.resolve('tokens').toFile().deleteDir()
        secret = tmp.resolve('secret')
        Files.writeString(secret, PASSWORD + '\n')
        marker = tmp.resolve('ran')
    }

    /** Writes profile lab with this password_command (none when null). */
    private void lab(String command) {
        Files.writeString(cnsh.home.resolve('config'), """\
            [profiles.lab]
            url = "${cnsh.client.baseUri()}"
            username = "$USER"
            """.stripIndent() + (command == null ? '' : "password_command = ${ConfigText.quote(command)}\n"))
    }

    private void saved(String password) {
        Path file = cnsh.home.resolve('credentials')
        Files.writeString(file, "[profiles.lab]\npassword = ${ConfigText.quote(password)}\n")
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rw-------'))
    }

    private int run(Map<String, String> env = [:], String... args) {
        Main.run([CNSH_HOME: cnsh.home.toString()] + env, new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    /** Everything cnsh wrote under its home, but the credentials file, as text. */
    private String filesButCredentials() {
        Files.walk(cnsh.home).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && it.fileName.toString() != 'credentials' && !it.toString().contains('sandbox') }
                    .collect { new String(Files.readAllBytes(it), 'ISO-8859-1') }.join('\n')
        }
    }

    def "the first line a password_command prints is the password: a read through the profile works and --debug never shows it"() {
        given:
        lab(String.format(command, secret))

        when:
        int code = run('--profile', 'lab', '--debug', '-e', '(agents < read >).size()')

        then:
        code == Main.OK
        out.toString().readLines().last() == '40'
        err.toString().contains('debug ')
        !(out.toString() + err.toString()).contains(PASSWORD)
        !filesButCredentials().contains(PASSWORD)

        where:
        command << ["cat '%s'", "cat '%s'; echo a-second-line", "printf '%%s\\r\\n' \"\$(cat '%s')\""]
    }

    def "a password_command that #what is one line naming the profile, never its output, exit 1"() {
        given:
        lab(String.format(command, secret))

        when:
        int code = run('--profile', 'lab', 'token', 'get')

        then:
        code == Main.ERROR
        err.toString() == "cnsh: password_command of profile 'lab' $message\n"
        out.toString() == ''

        where:
        what                     | command                   || message
        'fails'                  | "cat '%s'; exit 3"        || 'failed (exit 3)'
        'is not found'           | 'no-such-command-cnsh'    || 'failed (exit 127)'
        'prints nothing'         | 'true'                    || 'printed no password (its first line is empty)'
        'prints an empty line'   | "echo; cat '%s'"          || 'printed no password (its first line is empty)'
    }

    def "a password_command that hangs is stopped at the timeout, with whatever it started"() {
        given:
        Path pid = tmp.resolve('pid')

        when:
        PasswordCommand.run('lab', "echo \$\$ > '$pid'; exec sleep 60", Duration.ofMillis(300))

        then:
        ConfigException e = thrown()
        e.message == "password_command of profile 'lab' did not finish within 300 ms"
        new PollingConditions(timeout: 10).eventually {
            assert !ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map { it.alive }.orElse(false)
        }
    }

    def "CNSH_PASSWORD and a saved password come before the password_command, which then is not run"() {
        given:
        lab("touch '$marker'; cat '$secret'")
        if (savedPassword) {
            saved(PASSWORD)
        }

        when:
        int code = run(env, '--profile', 'lab', 'token', 'get')

        then:
        code == Main.OK
        !Files.exists(marker)

        where:
        savedPassword | env
        false         | [CNSH_PASSWORD: PASSWORD]
        true          | [:]
    }

    def "the password_command runs when neither is there, and its stderr reaches the user's (a password manager may prompt there)"() {
        given:
        lab("echo 'unlock your vault' >&2; touch '$marker'; cat '$secret'")

        when:
        def child = ChildCnsh.start(cnsh, tmp, ['--profile', 'lab', '-e', '(agents < read >).size()'], null, [CNSH_PASSWORD: ''])

        then:
        child.waitFor() == Main.OK
        child.out.readLines().last() == '40'
        child.err.contains('unlock your vault')
        Files.exists(marker)
        !(child.out + child.err).contains(PASSWORD)
    }

    def "profile add --save-password --password-stdin saves the first line of stdin owner-only, and the profile then reads with it"() {
        when:
        def child = ChildCnsh.start(cnsh, tmp, ['profile', 'add', 'lab', '--url', cnsh.client.baseUri().toString(),
                                               '--username', USER, '--save-password', '--password-stdin'], null, [CNSH_PASSWORD: ''])
        child.process.outputStream.withCloseable { it.write("$PASSWORD\r\nnot this line\n".getBytes('UTF-8')) }

        then:
        child.waitFor() == Main.OK
        child.out == "profile 'lab' written to ${cnsh.home.resolve('config')}; its password saved in ${cnsh.home.resolve('credentials')}\n"
        child.err == ''
        PosixFilePermissions.toString(Files.getPosixFilePermissions(cnsh.home.resolve('credentials'))) == 'rw-------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(cnsh.home.resolve('config'))) == 'rw-------'
        Files.readString(cnsh.home.resolve('credentials')) == "[profiles.lab]\npassword = \"$PASSWORD\"\n"
        !filesButCredentials().contains(PASSWORD)

        when:
        int code = run('--profile', 'lab', '-e', '(agents < read >).size()')

        then:
        code == Main.OK
        out.toString().readLines().last() == '40'
        !(out.toString() + err.toString()).contains(PASSWORD)

        when:
        int removed = run('profile', 'remove', 'lab')

        then:
        removed == Main.OK
        Files.readString(cnsh.home.resolve('credentials')) == ''
        Files.readString(cnsh.home.resolve('config')) == ''
    }

    def "profile add --password-stdin with nothing on stdin writes nothing, exit 2"() {
        when:
        def child = ChildCnsh.start(cnsh, tmp, ['profile', 'add', 'lab', '--url', 'eu', '--username', USER,
                                               '--save-password', '--password-stdin'])
        child.process.outputStream.close()

        then:
        child.waitFor() == Main.USAGE
        child.err == 'cnsh: no password given; nothing written\n'
        !Files.exists(cnsh.home.resolve('config'))
        !Files.exists(cnsh.home.resolve('credentials'))
    }

    def "a password_command that is #what is refused naming the file and the profile, exit 1"() {
        given:
        Files.writeString(cnsh.home.resolve('config'), "[profiles.lab]\nurl = \"eu\"\nusername = \"u\"\npassword_command = $value\n")

        when:
        int code = run('--profile', 'lab', 'token', 'get')

        then:
        code == Main.ERROR
        err.toString() == "cnsh: ${cnsh.home.resolve('config')} [profiles.lab]: password_command must be a command line in quotes\n"

        where:
        what        | value
        'blank'     | '"  "'
        'a number'  | '42'
        'a list'    | '["pass", "show"]'
    }

    def "profiles added by several cnsh processes at once are all kept"() {
        when:
        List<ChildCnsh> children = (1..4).collect { n ->
            Path dir = Files.createDirectories(tmp.resolve("child-$n"))
            ChildCnsh.start(cnsh, dir, ['profile', 'add', "p$n".toString(), '--url', 'eu', '--username', "u$n".toString()])
        }

        then:
        children.every { it.waitFor() == Main.OK }
        io.cnsh.client.Profiles.load(new io.cnsh.client.CnshHome(cnsh.home)).names() as Set == ['p1', 'p2', 'p3', 'p4'] as Set
    }

    @Requires({ new File('/usr/bin/script').canExecute() })
    def "on a terminal profile add --save-password asks for the password without echoing it"() {
        given: 'cnsh on a pseudo-terminal of script(1), its output in a file'
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        String java = "java -cp '$cp' ${Main.name} profile add lab --url eu --username $USER --save-password"
        Path output = tmp.resolve('tty.txt')
        def builder = new ProcessBuilder('script', '-qec', java, '/dev/null').redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
        builder.environment().putAll([CNSH_HOME: cnsh.home.toString(), TERM: 'dumb'])
        builder.environment().remove('CNSH_PASSWORD')
        Process process = builder.start()

        when: 'the password is typed once the question is asked'
        new PollingConditions(timeout: 60).eventually {
            assert Files.readString(output).contains("API password for $USER: ")
        }
        process.outputStream.write("$PASSWORD\n".getBytes('UTF-8'))
        process.outputStream.flush()

        then:
        process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
        process.exitValue() == Main.OK
        !Files.readString(output).contains(PASSWORD)
        Files.readString(output).contains("its password saved in ${cnsh.home.resolve('credentials')}")
        Files.readString(cnsh.home.resolve('credentials')) == "[profiles.lab]\npassword = \"$PASSWORD\"\n"

        cleanup:
        process?.destroyForcibly()
    }
}
