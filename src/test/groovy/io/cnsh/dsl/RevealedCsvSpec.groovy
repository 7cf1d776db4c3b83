package io.cnsh.dsl

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** A CSV file written with pins and passwords in it is owner-only, as the report script's secret export is. */
class RevealedCsvSpec extends Specification {

    @Shared
    @AutoCleanup
    DslSandbox sandbox = new DslSandbox()

    @TempDir
    Path dir

    def "toCsv with reveal: true writes an owner-only file, replacing one that others could read; a masked one keeps the defaults"() {
        given: 'a file of that name that others can read'
        Path clear = Files.writeString(dir.resolve('clear.csv'), 'old')
        Files.setPosixFilePermissions(clear, PosixFilePermissions.fromString('rw-r--r--'))
        Path masked = dir.resolve('masked.csv')
        String defaults = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(dir.resolve('default'))))

        when:
        sandbox.run(io.cnsh.wire.Format.JSON, """\
            def admins = agents < read auth_level: 'admin' >
            admins.toCsv(new File('${clear}'), reveal: true)
            admins.toCsv('${masked}')
            """.stripIndent())

        then:
        Files.readString(clear).contains('482913')
        PosixFilePermissions.toString(Files.getPosixFilePermissions(clear)) == 'rw-------'
        !Files.readString(masked).contains('482913')
        PosixFilePermissions.toString(Files.getPosixFilePermissions(masked)) == defaults
        Files.list(dir).withCloseable { it.toList() }*.fileName*.toString().sort() == ['clear.csv', 'default', 'masked.csv']
    }
}
