package io.cnsh.repl

import io.cnsh.RunNotice
import io.cnsh.client.ChangeGuard
import io.cnsh.client.CnshHome
import io.cnsh.client.ContactNow
import io.cnsh.sandbox.SandboxServer
import io.cnsh.wire.Format
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.jline.terminal.Size
import org.jline.terminal.Terminal
import org.jline.terminal.impl.DumbTerminal
import spock.util.concurrent.PollingConditions

/**
 * The shell over a dumb terminal made of a {@link Keyboard} and a byte buffer, on a target of the
 * spec's choosing. {@link #run} types every line, ends the input and returns the exit code;
 * {@link #start} runs it on a thread for specs that type as they go.
 */
class DumbShell implements AutoCloseable {

    final Keyboard keyboard = new Keyboard()
    final ByteArrayOutputStream screen = new ByteArrayOutputStream()
    final DumbTerminal terminal
    final Path home
    ReplTarget target
    Connector connector
    ChangeGuard.Options guardOptions = ChangeGuard.Options.NONE
    Thread thread
    volatile Integer exitCode

    DumbShell(Path home, ReplTarget target, Connector connector = null, Size size = new Size(0, 0)) {
        this.home = home
        this.target = target
        this.connector = connector
        this.terminal = new DumbTerminal('cnsh-spec', Terminal.TYPE_DUMB, keyboard, syncOut(screen), StandardCharsets.UTF_8)
        terminal.setSize(size)
    }

    /** A target on this sandbox with a client already open. */
    static ReplTarget sandboxTarget(Map options = [:], SandboxServer server) {
        Format format = (options.format ?: Format.JSON) as Format
        ContactNow client = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').format(format).build()
        ReplTarget.builder()
                .label((options.label ?: 'sandbox') as String)
                .where('spec sandbox')
                .sandbox(options.containsKey('sandbox') ? options.sandbox as boolean : true)
                .production(options.production as boolean)
                .format(format)
                .client(client)
                .build()
    }

    ReplLauncher launcher() {
        ReplLauncher.builder()
                .home(new CnshHome(home))
                .target(target)
                .connector(connector)
                .version('cnsh spec')
                .terminal(terminal)
                .guardOptions(guardOptions)
                .build()
    }

    /** Types the lines, then the end of input, and runs the shell to its end. */
    int run(String... lines) {
        lines.each { keyboard.type(it + '\n') }
        keyboard.close()
        exitCode = launcher().start()
    }

    /** Starts the shell on a thread; type with {@link #type}, end with {@link #finish}. */
    DumbShell start() {
        thread = Thread.start('cnsh-spec-shell') { exitCode = launcher().start() }
        this
    }

    DumbShell type(String line) {
        keyboard.type(line + '\n')
        this
    }

    /** Waits (at most the timeout) until the screen shows the text; returns the screen. */
    String waitFor(String text, Duration timeout = Duration.ofSeconds(30)) {
        new PollingConditions(timeout: timeout.toMillis() / 1000, delay: 0.02).eventually {
            assert output().contains(text): "the screen did not show '${text}' within ${timeout}:\n${output()}"
        }
        output()
    }

    /** Ends the input and waits for the shell to return. */
    int finish(Duration timeout = Duration.ofSeconds(30)) {
        keyboard.close()
        thread.join(timeout.toMillis())
        assert !thread.alive: "the shell did not end:\n${output()}"
        exitCode
    }

    /**
     * Everything the shell wrote, with the run id of the code journal's notice normalised (see
     * {@link RunNotice#normalised}): the notice of a session's first write reads {@link RunNotice#SAID}.
     */
    String output() {
        synchronized (screen) {
            RunNotice.normalised(new String(screen.toByteArray(), StandardCharsets.UTF_8))
        }
    }

    /** What the shell wrote after each prompt, one entry per prompt (the banner is left out); run ids normalised. */
    List<String> answers() {
        List<String> parts = output().split(/cnsh [\w.:-]+> /) as List<String>
        parts.drop(1).collect { String a ->
            String text = a.replaceAll(/ *\.\.\.> /, '')
            text.endsWith('\n') ? text[0..-2] : text
        }
    }

    String history() {
        Path file = home.resolve('history')
        Files.exists(file) ? Files.readString(file) : ''
    }

    @Override
    void close() {
        keyboard.close()
        thread?.join(10_000)
        terminal.close()
    }

    private static OutputStream syncOut(ByteArrayOutputStream buffer) {
        new OutputStream() {
            @Override
            void write(int b) {
                synchronized (buffer) { buffer.write(b) }
            }

            @Override
            void write(byte[] b, int off, int len) {
                synchronized (buffer) { buffer.write(b, off, len) }
            }
        }
    }
}
