package io.cnsh.cli

import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * Scripts and CSV files that cannot be read as given: one line naming the file and what is wrong,
 * the exit code of their neighbours, nothing sent. Runs {@link Main#run} against the embedded
 * sandbox under a temporary {@code CNSH_HOME}.
 */
class InputFileErrorsSpec extends Specification {

    static final String BULK_UPDATE = Path.of('scripts', 'bulk-update.groovy').toAbsolutePath().toString()

    @TempDir
    Path home

    @TempDir
    Path dir

    def "a Latin-1 script says where it stops being UTF-8, exits 1 and runs nothing"() {
        given: 'a script that would change an agent, saved as Latin-1'
        def script = dir.resolve('rename.groovy')
        def code = "agents < update agentid: 550003, userfield: 'Zo\u00EB' >\n"
        Files.write(script, code.getBytes('ISO-8859-1'))
        int at = code.indexOf('\u00EB')

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 1
        at == 47
        r.err == "cnsh: $script: not UTF-8 at byte $at (looks like Latin-1?)\n"
        r.out == ''

        and: 'the agent is unchanged'
        cnsh('-e', "(agents < read agentid: 550003 >)[0].userfield").out == 'Team North\n'
    }

    def "a directory given as a script says it is a directory (usage, exit 2)"() {
        when:
        def r = cnsh('run', dir.toString())

        then:
        r.code == 2
        r.err == "cnsh: $dir is a directory\n"
    }

    def "a missing script is still 'no such script'"() {
        when:
        def r = cnsh('run', dir.resolve('gone.groovy').toString())

        then:
        r.code == 2
        r.err == "cnsh: no such script: ${dir.resolve('gone.groovy')}\n"
    }

    @IgnoreIf({ System.getProperty('user.name') == 'root' })
    def "a script with mode 000 cannot be read: permission denied (usage, exit 2)"() {
        given:
        def script = dir.resolve('locked.groovy')
        Files.writeString(script, 'println 1\n')
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('---------'))

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 2
        r.err == "cnsh: cannot read $script: permission denied\n"
    }

    def "the bulk script applies a European ';' CSV, and says when it cannot tell"() {
        given:
        def csv = dir.resolve('eu.csv')
        Files.write(csv, '\uFEFFagentid;auth_level;userfield\r\n550003;;"1,5 FTE; North"\r\n'.getBytes('UTF-8'))
        def odd = dir.resolve('odd.csv')
        Files.writeString(odd, 'agentid;auth_levl\r\n550003;admin\r\n')

        when:
        def applied = cnsh('run', BULK_UPDATE, csv.toString(), '--apply')
        def refused = cnsh('run', BULK_UPDATE, odd.toString(), '--apply')

        then:
        applied.code == 0
        cnsh('-e', "(agents < read agentid: 550003 >)[0].userfield").out == '1,5 FTE; North\n'
        refused.code == 1
        refused.err.readLines() == ["bulk-update.groovy: odd.csv: this file uses ';' as separator; its header is not" +
                " agent field names split either way, so cnsh will not guess: use --delimiter ';' (or --delimiter ',')"]
    }

    def "--delimiter on the bulk script: ';' says so, a bad one is a usage error"() {
        given:
        def csv = dir.resolve('typo.csv')
        Files.writeString(csv, 'agentid;auth_levl\n550003;admin\n')

        when:
        def told = cnsh('run', BULK_UPDATE, csv.toString(), '--delimiter', ';')
        def bad = cnsh('run', BULK_UPDATE, csv.toString(), '--delimiter', '|')

        then:
        told.code == 1
        told.err.contains("typo.csv: row 1: unknown column 'auth_levl' (did you mean 'auth_level'?)")
        bad.code == 2
        bad.err == "bulk-update.groovy: --delimiter must be ',', ';' or tab, got '|'\n"
    }

    def "a directory or a Latin-1 file given as the CSV says so, and nothing is sent"() {
        given:
        def latin1 = dir.resolve('latin1.csv')
        Files.write(latin1, 'agentid,userfield\n550003,Zo\u00EB\n'.getBytes('ISO-8859-1'))

        when:
        def folder = cnsh('run', BULK_UPDATE, dir.toString(), '--apply')
        def notUtf8 = cnsh('run', BULK_UPDATE, latin1.toString(), '--apply')

        then:
        folder.code == 1
        folder.err == "bulk-update.groovy: $dir is a directory\n"
        notUtf8.code == 1
        notUtf8.err.startsWith('bulk-update.groovy: latin1.csv: row 2 is not UTF-8 text')
        cnsh('-e', "(agents < read agentid: 550003 >)[0].userfield").out == 'Team North\n'
    }

    private Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), args)
        [code: code, out: out.toString(), err: err.toString()]
    }
}
