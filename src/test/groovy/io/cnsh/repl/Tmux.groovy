package io.cnsh.repl

import java.time.Duration
import java.util.concurrent.TimeUnit
import spock.util.concurrent.PollingConditions

/**
 * A private tmux server (its own socket, no user configuration) with one pane, for driving the
 * shell on a real terminal: type keys, read the screen, wait for text with a deadline.
 */
class Tmux implements AutoCloseable {

    static final String TMUX = '/usr/bin/tmux'

    final String socket = "cnsh-spec-${UUID.randomUUID().toString().take(8)}"

    /** Starts the server with a pane of this size running the shell command; the pane stays after it exits. */
    Tmux start(String command, int width, int height) {
        run('new-session', '-d', '-s', 'spec', '-x', "${width}", '-y', "${height}", 'sleep 600')
        run('set-option', '-g', 'remain-on-exit', 'on')
        run('respawn-pane', '-k', '-t', 'spec', command)
        this
    }

    /** Types text literally. */
    void type(String text) {
        run('send-keys', '-t', 'spec', '-l', text)
    }

    /** Presses keys by tmux name: Enter, Tab, C-c, C-d, C-u. */
    void press(String... keys) {
        run(['send-keys', '-t', 'spec'] + keys.toList() as String[])
    }

    /** The visible screen, wrapped lines joined, trailing spaces and blank lines left out. */
    String screen() {
        run('capture-pane', '-p', '-J', '-t', 'spec').readLines()*.replaceAll(/\s+$/, '').join('\n').replaceAll(/\s+$/, '')
    }

    /** The cursor's column and row. */
    List<Integer> cursor() {
        run('display-message', '-p', '-t', 'spec', '#{cursor_x} #{cursor_y}').trim().split(' ')*.toInteger()
    }

    /** True once the command in the pane has ended. */
    boolean exited() {
        run('display-message', '-p', '-t', 'spec', '#{pane_dead}').trim() == '1'
    }

    /** Waits until the condition holds on the screen, polling; fails with the screen after the timeout. */
    String waitUntil(String what, Duration timeout = Duration.ofSeconds(90), Closure<Boolean> condition) {
        String s = null
        new PollingConditions(timeout: timeout.toMillis() / 1000, delay: 0.1).eventually {
            s = screen()
            assert condition(s): "waited ${timeout.seconds} s for ${what}; the screen shows:\n${s}"
        }
        s
    }

    /** Waits until the screen shows the text. */
    String waitFor(String text, Duration timeout = Duration.ofSeconds(90)) {
        waitUntil("'${text}'", timeout) { String s -> s.contains(text) }
    }

    /** Runs a tmux command on this server and returns its output. */
    String run(String... args) {
        def process = new ProcessBuilder([TMUX, '-f', '/dev/null', '-L', socket] + args.toList())
                .redirectErrorStream(true).start()
        String out = process.inputStream.text
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new IllegalStateException("tmux ${args.toList()} did not finish")
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("tmux ${args.toList()} failed (${process.exitValue()}): ${out}")
        }
        out
    }

    /** Kills the server and removes its socket file. */
    @Override
    void close() {
        try {
            String path = run('display-message', '-p', '#{socket_path}').trim()
            run('kill-server')
            if (path) {
                new File(path).delete()
            }
        } catch (IllegalStateException e) {
            // the server never started or is gone already
        }
    }

    /** Quotes a word for the shell that tmux runs the pane's command in. */
    static String quote(String word) {
        "'" + word.replace("'", "'\\''") + "'"
    }
}
