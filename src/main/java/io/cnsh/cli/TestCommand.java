package io.cnsh.cli;

import io.cnsh.testing.SpecLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnsh test PATH}: compiles the Spock specs ({@code *Spec.groovy}) under PATH and runs them;
 * each spec starts its own in-process sandbox with {@link io.cnsh.testing.SandboxFixture}, so no
 * account and no Maven project are needed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run Spock recipe specs (*Spec.groovy under PATH) against in-process sandboxes.",
            "Exit codes: 0 all passed, 1 a failure or a compile error, 2 no specs found."})
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "PATH", description = "A *Spec.groovy file, or a directory searched for them.")
    Path path;

    @Override
    public Integer call() {
        return SpecLauncher.run(path, main.out(), main.err());
    }
}
