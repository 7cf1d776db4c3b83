package io.cnsh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cnsh run FILE [ARGS...]}: runs a Groovy script with the DSL; arguments after FILE go to the script. */
@Command(name = "run", description = "Run a cnsh script; arguments after FILE are the script's own.")
final class RunCommand implements Callable<Integer>, TargetAware {

    @ParentCommand
    Main main;

    @Mixin
    TargetOptions target;

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script.")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The script's arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public TargetOptions targetOptions() {
        return target;
    }

    @Override
    public Integer call() {
        return Scripts.runFile(main, target.over(main.target), run.over(main.run), file, args);
    }
}
