package io.cnsh.client

import io.cnsh.wire.Format
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.Specification
import spock.lang.TempDir

/** Profiles in {@code $CNSH_HOME/config} (TOML) and saved passwords in the owner-only credentials file. */
class ProfilesSpec extends Specification {

    @TempDir Path root
    CnshHome home

    def setup() {
        home = new CnshHome(root)
    }

    private void config(String toml) {
        Files.writeString(home.config(), toml.stripIndent())
    }

    private void credentials(String toml, String perms) {
        Files.writeString(home.credentials(), toml.stripIndent())
        Files.setPosixFilePermissions(home.credentials(), PosixFilePermissions.fromString(perms))
    }

    def "a config file with two profiles reads every setting, with defaults for those left out"() {
        given:
        config '''\
            # the live account
            [profiles.prod]
            url = "eu"
            username = "api_user"
            format = "xml"
            campaign = 12
            batch_size = 50
            rate_limit = 2.5
            production = true
            address = ["203.0.113.7", "203.0.113.8"]

            [profiles.lab]
            url = "http://127.0.0.1:18080/"
            username = "demo"
            '''

        when:
        Profiles profiles = Profiles.load(home)

        then:
        profiles.names() as List == ['prod', 'lab']
        profiles.require('prod') == new Profile('prod', URI.create('https://api-106.dxi.eu/'), 'api_user', Format.XML,
                '12', 50, 2.5, true, ['203.0.113.7', '203.0.113.8'])
        profiles.require('lab') == new Profile('lab', URI.create('http://127.0.0.1:18080/'), 'demo', Format.JSON,
                null, 100, 0, false, [])
        profiles.get('nope').empty
    }

    def "the url key takes a region name (#url) or a base URL"() {
        given:
        config """\
            [profiles.p]
            url = "$url"
            username = "u"
            """

        expect:
        Profiles.load(home).require('p').baseUri() == URI.create(expected)

        where:
        url                               || expected
        'eu'                              || 'https://api-106.dxi.eu/'
        'US'                              || 'https://api.contactnow.8x8.com/api/'
        'https://api.contactnow.8x8.com/' || 'https://api.contactnow.8x8.com/'
    }

    def "a missing config file means no profiles, and asking for one says so"() {
        when:
        Profiles.load(home).require('prod')

        then:
        ConfigException e = thrown()
        e.message == "no profile 'prod' in ${home.config()} (it has none)"
    }

    def "asking for a profile that is not there lists the ones that are"() {
        given:
        config '''\
            [profiles.prod]
            url = "eu"
            username = "u"
            [profiles.lab]
            url = "us"
            username = "u"
            '''

        when:
        Profiles.load(home).require('staging')

        then:
        ConfigException e = thrown()
        e.message == "no profile 'staging' in ${home.config()} (profiles: prod, lab)"
    }

    def "#what is refused with a message naming the file, the profile and the problem"() {
        given:
        config "[profiles.prod]\n$body\n"

        when:
        Profiles.load(home)

        then:
        ConfigException e = thrown()
        e.message == "${home.config()} [profiles.prod]: ${expected.replace('CREDENTIALS', home.credentials().toString())}"

        where:
        what                    | body                                                     || expected
        'an unknown key'        | 'url = "eu"\nusername = "u"\nbatchsize = 5'              || "unknown key 'batchsize' (known: address, base_url, batch_size, ca_file, campaign, connect_timeout, format, password_command, production, proxy, rate_limit, read_timeout, region, url, username)"
        'a password'            | 'url = "eu"\nusername = "u"\npassword = "Secr3t-Pw"'      || "unknown key 'password' (known: address, base_url, batch_size, ca_file, campaign, connect_timeout, format, password_command, production, proxy, rate_limit, read_timeout, region, url, username); a password belongs in the owner-only CREDENTIALS"
        'no url'                | 'username = "u"'                                         || 'no url (eu, us, or a base URL)'
        'a url without scheme'  | 'url = "api.example.com"\nusername = "u"'                || "url 'api.example.com' is neither eu, us nor an http(s) URL"
        'an ftp url'            | 'url = "ftp://example.com/"\nusername = "u"'             || "url 'ftp://example.com/' is neither eu, us nor an http(s) URL"
        'a url with spaces'     | 'url = "http://exa mple.com/"\nusername = "u"'           || "url 'http://exa mple.com/' is neither eu, us nor an http(s) URL"
        'no username'           | 'url = "eu"'                                             || 'no username'
        'format csv'            | 'url = "eu"\nusername = "u"\nformat = "csv"'              || "unknown format 'csv' (expected json or xml)"
        'a batch size of 0'     | 'url = "eu"\nusername = "u"\nbatch_size = 0'              || 'batch_size must be a whole number of at least 1'
        'a batch size in words' | 'url = "eu"\nusername = "u"\nbatch_size = "many"'         || "batch_size must be a whole number of at least 1, got 'many'"
        'a negative rate limit' | 'url = "eu"\nusername = "u"\nrate_limit = -1'             || 'rate_limit must be a number of requests per second, 0 for none, got -1'
        'production as text'    | 'url = "eu"\nusername = "u"\nproduction = "yes"'          || "production must be true or false, got 'yes'"
        'eleven addresses'      | 'url = "eu"\nusername = "u"\naddress = "' + (1..11).collect { "10.0.0.$it" }.join(',') + '"' || 'address lists at most 10 addresses, got 11'
    }

    def "a file that is not TOML is refused with its line, quoting none of its text"() {
        given:
        config '''\
            [profiles.prod]
            url = "eu"
            username = Secr3t-Value
            '''

        when:
        Profiles.load(home)

        then:
        ConfigException e = thrown()
        e.message.startsWith("${home.config()}:3: not valid TOML (")
        !e.message.contains('Secr3t')
    }

    def "a section other than profiles is refused, so a misspelt one does not hide every profile"() {
        given:
        config '''\
            [profile.prod]
            url = "eu"
            username = "u"
            '''

        when:
        Profiles.load(home)

        then:
        ConfigException e = thrown()
        e.message == "${home.config()}: unknown section 'profile' (profiles go under [profiles.NAME])"
    }

    def "a saved password is read from the credentials file when only its owner can read it"() {
        given:
        credentials '''\
            [profiles.prod]
            password = "Secr3t-Pw"
            ''', 'rw-------'

        expect:
        new String(Profiles.load(home).savedPassword('prod').get()) == 'Secr3t-Pw'
        Profiles.load(home).savedPassword('lab').empty
    }

    def "a credentials file that is #perms is refused"() {
        given:
        credentials '''\
            [profiles.prod]
            password = "Secr3t-Pw"
            ''', perms

        when:
        Profiles.load(home).savedPassword('prod')

        then:
        ConfigException e = thrown()
        e.message == "${home.credentials()} can be read or written by other users; run: chmod 600 ${home.credentials()}"
        !e.message.contains('Secr3t')

        where:
        perms << ['rw-r-----', 'rw----r--', 'rw-rw----', 'rw-r--r--', 'rw-----w-']
    }

    def "no credentials file means no saved password"() {
        expect:
        Profiles.load(home).savedPassword('prod').empty
    }

    def "a profile builds a client with its settings"() {
        given:
        Profile p = new Profile('prod', URI.create('https://api-106.dxi.eu/'), 'api_user', Format.XML, '12', 50, 2.5,
                true, ['203.0.113.7'])

        when:
        ContactNow cn = p.clientBuilder().credentials(p.username(), 'pw').build()

        then:
        cn.baseUri() == URI.create('https://api-106.dxi.eu/')
        cn.username() == 'api_user'
        cn.format() == Format.XML
        cn.tokens().address().get() == '203.0.113.7'
    }
}
