package io.cnsh.client

import com.fasterxml.jackson.dataformat.toml.TomlMapper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** Profiles edited as TOML text: values quoted so they read back as given, line breaks kept as the file has them. */
class ConfigTextSpec extends Specification {

    @TempDir Path root

    def "a value with #what reads back exactly as given"() {
        given:
        String text = new ConfigText('').with('p', ["password = ${ConfigText.quote(value)}".toString()]).text()

        expect:
        new TomlMapper().readTree(text).path('profiles').path('p').path('password').asText() == value

        where:
        what                       | value
        'quotes and backslashes'   | 'a"b\\c\'d'
        'a tab and a bell'         | 'x\ty\u0007z'
        'letters beyond ASCII'     | 'Zoë-密码-🔑'
        'TOML of its own'          | '"""\n[profiles.x]\n'
        'spaces at either end'     | '  padded  '
    }

    def "a file with CRLF line breaks gets its new section with CRLF too"() {
        expect:
        new ConfigText('[profiles.a]\r\nurl = "eu"\r\n').with('b', ['url = "us"']).text() ==
                '[profiles.a]\r\nurl = "eu"\r\n\r\n[profiles.b]\r\nurl = "us"\r\n'
    }

    def "a saved password of awkward characters is written owner-only and read back by Profiles"() {
        given:
        CnshHome home = new CnshHome(root.resolve('home'))
        String password = 'p"w\\d \u00e9\t1'

        when:
        new ProfileEditor(home).put('p', [url: 'eu', username: 'u'], password.toCharArray(), false)

        then:
        new String(Profiles.load(home).savedPassword('p').get()) == password
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home.credentials())) == 'rw-------'
        !Files.readString(home.config()).contains('p"w')
    }
}
