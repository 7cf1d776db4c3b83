package io.cnsh.cli

import io.cnsh.client.CnshHome
import io.cnsh.client.Profiles
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code cnsh profile add|list|show|remove}, run in-process: the config and credentials files it
 * writes (owner-only, other profiles and comments untouched) and the mistakes it refuses.
 */
class ProfileCommandSpec extends Specification {

    static final String HAND_WRITTEN = '''\
        # my profiles, written by hand
        [profiles.prod]   # the live account
        url = "eu"
        username = "api_user"
        format = "xml"    # the old account speaks XML
        production = true

        # a lab next door
        [profiles.lab]
        url = "http://127.0.0.1:18080/"
        username = "demo"
        batch_size = 20
        '''.stripIndent()

    @TempDir Path tmp
    Path root
    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    def setup() {
        root = tmp.resolve('cnsh-home')
    }

    private Map<String, String> env(Map<String, String> more = [:]) {
        [CNSH_HOME: root.toString()] + more
    }

    private int cnsh(Map<String, String> env = env(), String... args) {
        out.buffer.length = 0
        err.buffer.length = 0
        Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    private Path config() {
        root.resolve('config')
    }

    private String mode(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
    }

    private void handWritten() {
        Files.createDirectories(root)
        Files.writeString(config(), HAND_WRITTEN)
    }

    def "a profile added, listed, shown and removed: an owner-only home and config, read back by --profile"() {
        when:
        int added = cnsh('profile', 'add', 'stage', '--url', 'US', '--username', 'api_stage', '--format', 'XML',
                '--production', '--address', '203.0.113.7, 2001:db8::1')

        then:
        added == Main.OK
        out.toString() == "profile 'stage' written to ${config()}\n"
        err.toString() == ''
        mode(root) == 'rwx------'
        mode(config()) == 'rw-------'
        Files.readString(config()) == '''\
            [profiles.stage]
            url = "us"
            username = "api_stage"
            format = "xml"
            production = true
            address = ["203.0.113.7", "2001:db8::1"]
            '''.stripIndent()
        !Files.exists(root.resolve('credentials'))
        Profiles.load(new CnshHome(root)).require('stage').production()

        when:
        cnsh(env(CNSH_PROFILE: 'stage'), 'profile', 'add', 'other', '--url', 'http://10.0.0.1:8080/', '--username', 'u')
        int listed = cnsh(env(CNSH_PROFILE: 'stage'), 'profile', 'list')

        then:
        listed == Main.OK
        out.toString() == '''\
            * stage  https://api.contactnow.8x8.com/api/  api_stage  xml  production
              other  http://10.0.0.1:8080/  u  json
            '''.stripIndent()

        when:
        int shown = cnsh('profile', 'show', 'stage')

        then:
        shown == Main.OK
        out.toString() == '''\
            profile:    stage
            url:        https://api.contactnow.8x8.com/api/
            username:   api_stage
            format:     xml
            campaign:   (none)
            batch_size: 100
            rate_limit: none
            production: true
            address:    203.0.113.7, 2001:db8::1
            password:   not saved (asked for when needed)
            '''.stripIndent()

        when:
        int removed = cnsh('profile', 'remove', 'stage')

        then:
        removed == Main.OK
        out.toString() == "profile 'stage' removed from ${config()}\n"
        Profiles.load(new CnshHome(root)).names() as List == ['other']
        mode(config()) == 'rw-------'

        when:
        cnsh('profile', 'remove', 'other')
        int empty = cnsh('profile', 'list')

        then:
        empty == Main.OK
        out.toString() == ''
        err.toString().startsWith('cnsh: no profiles in ')
    }

    def "adding keeps the hand-written profiles and comments byte for byte, and removing gives the file back as it was"() {
        given:
        handWritten()

        when:
        int added = cnsh('profile', 'add', 'new-one', '--url', 'eu', '--username', 'ops')

        then:
        added == Main.OK
        Files.readString(config()) == HAND_WRITTEN + '\n[profiles.new-one]\nurl = "eu"\nusername = "ops"\n'

        when:
        int removed = cnsh('profile', 'remove', 'new-one')

        then:
        removed == Main.OK
        Files.readString(config()) == HAND_WRITTEN
    }

    def "removing or replacing a profile in the middle leaves the comments and profiles around it as they were"() {
        given:
        handWritten()

        when:
        int replaced = cnsh('profile', 'add', 'prod', '--url', 'us', '--username', 'api2', '--force')

        then:
        replaced == Main.OK
        Files.readString(config()) == HAND_WRITTEN.replace('''\
            [profiles.prod]   # the live account
            url = "eu"
            username = "api_user"
            format = "xml"    # the old account speaks XML
            production = true
            '''.stripIndent(), '[profiles.prod]\nurl = "us"\nusername = "api2"\n')

        when:
        handWritten()
        int removed = cnsh('profile', 'remove', 'prod')

        then:
        removed == Main.OK
        Files.readString(config()) == '''\
            # my profiles, written by hand

            # a lab next door
            [profiles.lab]
            url = "http://127.0.0.1:18080/"
            username = "demo"
            batch_size = 20
            '''.stripIndent()
    }

    def "a profile that exists is refused without --force, exit 2, the file unchanged"() {
        given:
        handWritten()

        when:
        int code = cnsh('profile', 'add', 'lab', '--url', 'eu', '--username', 'x')

        then:
        code == Main.USAGE
        err.toString() == "cnsh: profile 'lab' already exists in ${config()}; add --force to replace it\n"
        Files.readString(config()) == HAND_WRITTEN
    }

    def "#what is refused with one line naming it, exit 2, nothing written"() {
        given:
        handWritten()

        when:
        int code = cnsh(['profile', 'add'] + args as String[])

        then:
        code == Main.USAGE
        err.toString().readLines().size() <= 2
        err.toString().readLines()[0] == "cnsh: $message"
        !err.toString().contains('Exception')
        !err.toString().contains('\tat ')
        Files.readString(config()) == HAND_WRITTEN
        Files.list(root).toList()*.fileName*.toString() == ['config']

        where:
        what                      | args                                                                 || message
        'a name with a space'     | ['my lab', '--url', 'eu', '--username', 'u']                         || "profile name 'my lab' must be 1 to 64 letters, digits, '_' or '-'"
        'a dotted name'           | ['a.b', '--url', 'eu', '--username', 'u']                            || "profile name 'a.b' must be 1 to 64 letters, digits, '_' or '-'"
        'an empty name'           | ['', '--url', 'eu', '--username', 'u']                               || "profile name '' must be 1 to 64 letters, digits, '_' or '-'"
        'the name sandbox'        | ['sandbox', '--url', 'eu', '--username', 'u']                        || "profile name 'sandbox' is taken by the in-process sandbox; choose another"
        'a url of no kind'        | ['x', '--url', 'asia', '--username', 'u']                            || "--url 'asia' is neither eu, us nor an http(s) URL"
        'an ftp url'              | ['x', '--url', 'ftp://h/', '--username', 'u']                        || "--url 'ftp://h/' is neither eu, us nor an http(s) URL"
        'a blank username'        | ['x', '--url', 'eu', '--username', ' ']                              || '--username needs a value'
        'a csv format'            | ['x', '--url', 'eu', '--username', 'u', '--format', 'csv']           || "--format must be json or xml, got 'csv'"
        'a host name as address' | ['x', '--url', 'eu', '--username', 'u', '--address', 'localhost']   || "--address 'localhost' is not an IPv4 or IPv6 address"
        'an IPv4 out of range'    | ['x', '--url', 'eu', '--username', 'u', '--address', '1.2.3.256']   || "--address '1.2.3.256' is not an IPv4 or IPv6 address"
        'a broken IPv6 address'   | ['x', '--url', 'eu', '--username', 'u', '--address', 'fe80::zz']    || "--address 'fe80::zz' is not an IPv4 or IPv6 address"
        'eleven addresses'        | ['x', '--url', 'eu', '--username', 'u', '--address', (1..11).collect { "10.0.0.$it" }.join(',')] || '--address takes at most 10 addresses, got 11'
        'both ways to a password' | ['x', '--url', 'eu', '--username', 'u', '--save-password', '--password-command', 'pass x'] || 'give either --save-password or --password-command, not both'
        'stdin with nothing to save' | ['x', '--url', 'eu', '--username', 'u', '--password-stdin']      || '--password-stdin reads a password to save; add --save-password'
        'no terminal to ask on'   | ['x', '--url', 'eu', '--username', 'u', '--save-password']           || 'no terminal to ask for the password on; pipe it in with --password-stdin'
        'no url'                  | ['x', '--username', 'u']                                             || "Missing required option: '--url=eu|us|URL'"
    }

    def "show and remove of a profile that is not there say which there are, exit 1"() {
        given:
        handWritten()

        expect:
        cnsh('profile', action, 'nope') == Main.ERROR
        err.toString() == "cnsh: no profile 'nope' in ${config()} (profiles: prod, lab)\n"
        Files.readString(config()) == HAND_WRITTEN

        where:
        action << ['show', 'remove']
    }

    def "cnsh profile #sub --help prints its usage and exits 0"() {
        expect:
        cnsh(['profile'] + sub + ['--help'] as String[]) == Main.OK
        out.toString().startsWith('Usage: cnsh profile')
        err.toString() == ''

        where:
        sub << [[], ['add'], ['list'], ['show'], ['remove']]
    }

    def "show says where the password comes from: #expected"() {
        given:
        handWritten()
        Files.writeString(config(), "password_command = \"pass show cn\"\n", java.nio.file.StandardOpenOption.APPEND)
        if (saved) {
            Files.writeString(root.resolve('credentials'), '[profiles.lab]\npassword = "S3cret-saved"\n')
            Files.setPosixFilePermissions(root.resolve('credentials'), PosixFilePermissions.fromString('rw-------'))
        }

        when:
        int code = cnsh(env(extra), 'profile', 'show', 'lab')

        then:
        code == Main.OK
        out.toString().contains("password:   $expected\n")
        !out.toString().contains('S3cret-saved')
        !out.toString().contains('pass show cn')
        out.toString().contains('CNSH_PASSWORD is set') == (extra != [:])

        where:
        saved | extra                  || expected
        false | [:]                    || 'from password_command'
        true  | [:]                    || 'saved (password_command is not used)'
        true  | [CNSH_PASSWORD: 'env'] || 'saved (password_command is not used)'
    }

    def "a config linked in from elsewhere is written through its link, which stays"() {
        given:
        Path elsewhere = tmp.resolve('dotfiles')
        Files.createDirectories(elsewhere)
        Files.writeString(elsewhere.resolve('cnsh-config'), HAND_WRITTEN)
        Files.createDirectories(root)
        Files.createSymbolicLink(config(), elsewhere.resolve('cnsh-config'))

        when:
        int code = cnsh('profile', 'add', 'x', '--url', 'eu', '--username', 'u')

        then:
        code == Main.OK
        Files.isSymbolicLink(config())
        Files.readString(elsewhere.resolve('cnsh-config')) == HAND_WRITTEN + '\n[profiles.x]\nurl = "eu"\nusername = "u"\n'
    }

    def "a profile written as #form is left for the user to edit, exit 1, the file unchanged"() {
        given:
        Files.createDirectories(root)
        Files.writeString(config(), text)

        when:
        int code = cnsh(['profile'] + args as String[])

        then:
        code == Main.ERROR
        err.toString() == "cnsh: $message\n".replace('CONFIG', config().toString())
        Files.readString(config()) == text

        where:
        form             | text                                                    | args                                                   || message
        'dotted keys'    | 'profiles.odd.url = "eu"\nprofiles.odd.username = "u"\n' | ['remove', 'odd']                                  || "profile 'odd' is not written as a [profiles.odd] section in CONFIG; edit that file by hand"
        'dotted keys'    | 'profiles.odd.url = "eu"\nprofiles.odd.username = "u"\n' | ['add', 'odd', '--url', 'us', '--username', 'v', '--force'] || "profile 'odd' is not written as a [profiles.odd] section in CONFIG; edit that file by hand"
        'broken TOML'    | '[profiles.lab\nurl = "eu"\n'                          | ['add', 'x', '--url', 'us', '--username', 'v']         || 'CONFIG:1: not valid TOML (Newline not permitted here)'
    }

    def "a header-like line inside a multi-line string is not taken for a section"() {
        given:
        String text = '[profiles.a]\nurl = "eu"\nusername = "u"\npassword_command = """\n[profiles.b]\n"""\n'
        Files.createDirectories(root)
        Files.writeString(config(), text)

        when:
        int added = cnsh('profile', 'add', 'b', '--url', 'us', '--username', 'v')

        then:
        added == Main.OK
        Files.readString(config()) == text + '\n[profiles.b]\nurl = "us"\nusername = "v"\n'
        Profiles.load(new CnshHome(root)).passwordCommand('a').get() == '[profiles.b]\n'

        when:
        int removed = cnsh('profile', 'remove', 'b')

        then:
        removed == Main.OK
        Files.readString(config()) == text
    }
}
