package io.cnsh.repl

import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The base of the shell's specs that need agents: one in-memory sandbox per spec class, reset to the
 * demo agents before each feature, and a fresh home directory per feature for history and profiles.
 */
abstract class ShellSandboxSpec extends Specification {

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().build().start()

    @TempDir
    Path home

    def setup() {
        server.reset(Seed.DEMO)
    }
}
