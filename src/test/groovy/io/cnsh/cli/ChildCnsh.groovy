package io.cnsh.cli

import io.cnsh.testing.SandboxFixture

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code cnsh} in a process of its own (the test class path, {@code io.cnsh.cli.Main}), aimed at a
 * fixture's sandbox with {@code --base-url}, with the fixture's {@code CNSH_HOME}; its output goes to
 * {@code out.txt} and {@code err.txt} in {@code dir}. For what only a real process shows: signals,
 * exit codes, file-size limits.
 */
class ChildCnsh {

    final Process process
    final Path out
    final Path err

    private ChildCnsh(Process process, Path out, Path err) {
        this.process = process
        this.out = out
        this.err = err
    }

    /**
     * Starts {@code cnsh --base-url FIXTURE --username demo ARGS}; {@code limitKb} sets {@code ulimit -f} first;
     * {@code env} is put over the child's environment last.
     */
    static ChildCnsh start(SandboxFixture cnsh, Path dir, List<String> args, Integer limitKb = null, Map<String, String> env = [:]) {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> command = ['java', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1', '-cp', cp, Main.name,
                                '--base-url', cnsh.client.baseUri().toString(), '--username', 'demo'] + args
        if (limitKb != null) {
            command = ['bash', '-c', "ulimit -f ${limitKb} && exec \"\$@\"".toString(), 'cnsh'] + command
        }
        // A build started as a background job of a script inherits SIGINT ignored, and so would the child
        // (a JVM leaves an ignored SIGINT ignored); perl, always on Debian, sets it back before exec.
        command = ['perl', '-e', '$SIG{INT} = $SIG{TERM} = "DEFAULT"; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\n"'] + command
        Path out = dir.resolve('out.txt')
        Path err = dir.resolve('err.txt')
        def builder = new ProcessBuilder(command).directory(new File('.').absoluteFile)
                .redirectOutput(out.toFile()).redirectError(err.toFile())
        builder.environment().keySet().removeAll(['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'CNSH_ASSUME_YES'])
        builder.environment().putAll([CNSH_HOME: cnsh.home.toString(), CNSH_PASSWORD: 'demo', TERM: 'dumb'])
        builder.environment().putAll(env)
        new ChildCnsh(builder.start(), out, err)
    }

    long pid() {
        process.pid()
    }

    String getOut() {
        Files.exists(out) ? Files.readString(out) : ''
    }

    String getErr() {
        Files.exists(err) ? Files.readString(err) : ''
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}) with {@code kill}. */
    void signal(String name) {
        assert !ignored(name): "SIG${name} is ignored by the child (inherited: the build was started as a background job " +
                "of a script or under nohup), so it cannot stop it; run the build in the foreground or with job control (set -m)"
        assert new ProcessBuilder('kill', "-${name}".toString(), String.valueOf(pid())).start().waitFor() == 0
    }

    /** Whether the child ignores the signal, read from the SigIgn mask of /proc (false where there is no /proc). */
    boolean ignored(String name) {
        Map<String, Integer> numbers = [HUP: 1, INT: 2, QUIT: 3, TERM: 15]
        java.nio.file.Path status = java.nio.file.Path.of("/proc/${pid()}/status")
        String line = Files.exists(status) ? Files.readAllLines(status).find { it.startsWith('SigIgn:') } : null
        line != null && numbers[name] != null && new BigInteger(line.substring(7).trim(), 16).testBit(numbers[name] - 1)
    }

    /** Waits for the process to end (at most a minute) and returns its exit code. */
    int waitFor() {
        assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS): "cnsh did not end:\n${err}"
        process.exitValue()
    }

    void destroy() {
        process.destroyForcibly()
    }
}
