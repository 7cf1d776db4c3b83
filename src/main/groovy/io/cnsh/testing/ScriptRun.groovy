package io.cnsh.testing

import groovy.transform.CompileStatic

/**
 * What a script run by {@link SandboxFixture#run} did: its exit code (as {@code cnsh run} would
 * return it) and everything it wrote to {@code out} and {@code err}.
 */
@CompileStatic
final class ScriptRun {

    /** 0 ok, 1 error, 2 usage error, 3 partial failure, 4 a plan shows changes. */
    final int exitCode
    /** What the script printed to {@code out}. */
    final String out
    /** What the script printed to {@code err}, including cnsh's one-line error message. */
    final String err

    ScriptRun(int exitCode, String out, String err) {
        this.exitCode = exitCode
        this.out = out
        this.err = err
    }

    /** The lines of {@link #out}. */
    List<String> getOutLines() {
        out.readLines()
    }

    /** The lines of {@link #err}. */
    List<String> getErrLines() {
        err.readLines()
    }

    @Override
    String toString() {
        "exit ${exitCode}\n--- out\n${out}--- err\n${err}"
    }
}
