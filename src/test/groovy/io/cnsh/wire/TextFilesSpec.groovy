package io.cnsh.wire

import spock.lang.IgnoreIf
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

class TextFilesSpec extends Specification {

    @TempDir
    Path dir

    def "UTF-8 text is read as it is, a byte-order mark included"() {
        given:
        def file = dir.resolve('ok.groovy')
        Files.write(file, '\uFEFFprintln "Zo\u00EB \u674E"\n'.getBytes('UTF-8'))

        expect:
        TextFiles.readUtf8(file) == '\uFEFFprintln "Zo\u00EB \u674E"\n'
    }

    def "bytes that are not UTF-8 are refused with the offset of the first bad byte and a guess"() {
        when:
        TextFiles.utf8('f.txt', bytes as byte[])

        then:
        def e = thrown(TextFileException)
        e.problem() == TextFileException.Problem.NOT_UTF8
        e.message == "f.txt: not UTF-8 at byte $at $guess"
        e.offset() == at

        where:
        bytes                                          || at | guess
        'Zo\u00EB'.getBytes('ISO-8859-1')             || 2  | '(looks like Latin-1?)'
        'ab\nRen\u00E9e\n'.getBytes('ISO-8859-1')      || 6  | '(looks like Latin-1?)'
        [0xE9]                                         || 0  | '(looks like Latin-1?)'
        [0x6F, 0x6B, 0x20, 0xC3, 0xA9, 0xC3]           || 5  | '(looks like Latin-1?)'
        [0xFF, 0xFE, 0x41, 0x00]                       || 0  | '(looks like UTF-16?)'
        [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2]           || 0  | '(looks like a binary file?)'
    }

    def "firstMalformed finds the first bad byte, or -1"() {
        expect:
        TextFiles.firstMalformed('Zo\u00EB'.getBytes('UTF-8')) == -1
        TextFiles.firstMalformed(new byte[0]) == -1
        TextFiles.firstMalformed('Zo\u00EB'.getBytes('ISO-8859-1')) == 2
        TextFiles.firstMalformed('a\nZo\u00EB\n'.getBytes('ISO-8859-1'), 2, 6) == 4
    }

    def "a directory, a missing file and an unreadable file each say so by name"() {
        given:
        def sub = Files.createDirectory(dir.resolve('scripts'))

        when:
        TextFiles.readUtf8(sub)

        then:
        def d = thrown(TextFileException)
        d.problem() == TextFileException.Problem.DIRECTORY
        d.message == "$sub is a directory"

        when:
        TextFiles.readUtf8(dir.resolve('nope.csv'))

        then:
        def m = thrown(TextFileException)
        m.problem() == TextFileException.Problem.MISSING
        m.message == "no such file: ${dir.resolve('nope.csv')}"
    }

    @IgnoreIf({ System.getProperty('user.name') == 'root' })
    def "a file with mode 000 cannot be read: permission denied"() {
        given:
        def file = dir.resolve('locked.csv')
        Files.writeString(file, 'agentid\n')
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('---------'))

        when:
        TextFiles.readUtf8(file)

        then:
        def e = thrown(TextFileException)
        e.problem() == TextFileException.Problem.UNREADABLE
        e.message == "cannot read $file: permission denied"

        cleanup:
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString('rw-------'))
    }
}
