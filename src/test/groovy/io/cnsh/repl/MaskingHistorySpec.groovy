package io.cnsh.repl

import io.cnsh.model.OwnerOnlyFiles
import io.cnsh.model.Agent
import java.nio.charset.StandardCharsets
import java.nio.file.FileSystemException
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.jline.reader.LineReader
import org.jline.reader.LineReaderBuilder
import org.jline.terminal.Terminal
import org.jline.terminal.impl.DumbTerminal
import spock.lang.Specification
import spock.lang.TempDir

/** The history's rewrite when a secret value is learned late, where the disk refuses it. */
class MaskingHistorySpec extends Specification {

    @TempDir Path home

    def "a history file that cannot be rewritten (disk full) stays as it was, with no temporary file, the error names the reason, and the next input tries again"() {
        given: 'a disk that fills while the masked copy is written, once'
        Path file = home.resolve('history')
        SessionSecrets secrets = new SessionSecrets()
        boolean full = true
        MaskingHistory history = new MaskingHistory(secrets, { Path target, OwnerOnlyFiles.FileFiller filler ->
            OwnerOnlyFiles.replace(target, 'history', { Path tmp ->
                filler.fill(tmp)
                if (full) {
                    throw new FileSystemException(tmp.toString(), null, 'No space left on device')
                }
            } as OwnerOnlyFiles.FileFiller)
        } as MaskingHistory.FileReplacer)
        reader(history, file)
        history.add(Instant.now(), "def p = '482913'")
        String before = Files.readString(file)

        when:
        secrets.learn([Agent.of([pin: '482913'])])
        history.catchUp()

        then:
        FileSystemException e = thrown()
        OwnerOnlyFiles.reason(e) == 'No space left on device'
        Files.readString(file) == before
        Files.list(home).toList() == [file]

        and: 'the session says so in one line'
        ReplText.historyNotMasked(file, OwnerOnlyFiles.reason(e)) ==
                "the history file ${file} may still show a secret typed earlier: it cannot be rewritten (No space left" +
                " on device); free the space and type any line, or delete the file"

        when: 'space is freed'
        full = false

        then:
        history.catchUp()
        !Files.readString(file).contains('482913')
        Files.list(home).toList() == [file]
    }

    def "catching up twice with nothing new learned leaves the file alone"() {
        given:
        Path file = home.resolve('history')
        SessionSecrets secrets = new SessionSecrets()
        int rewrites = 0
        MaskingHistory history = new MaskingHistory(secrets, { Path target, OwnerOnlyFiles.FileFiller filler ->
            rewrites++
            MaskingHistory.FileReplacer.OWNER_ONLY.replace(target, filler)
        } as MaskingHistory.FileReplacer)
        reader(history, file)
        history.add(Instant.now(), "def p = '482913'")

        when:
        secrets.learn([Agent.of([pin: '482913'])])
        boolean first = history.catchUp()
        secrets.learn([Agent.of([pin: '482913'])])
        boolean second = history.catchUp()

        then:
        first && !second
        rewrites == 1
        Files.readString(file).endsWith(":def p = '****'\n")
    }

    private static LineReader reader(MaskingHistory history, Path file) {
        Terminal terminal = new DumbTerminal('spec', Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8)
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).history(history)
                .variable(LineReader.HISTORY_FILE, file)
                .option(LineReader.Option.HISTORY_INCREMENTAL, true)
                .build()
        history.attach(reader)
        reader
    }
}
