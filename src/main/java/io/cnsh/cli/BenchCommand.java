package io.cnsh.cli;

import io.cnsh.bench.Benchmarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnsh bench [B1|B2|...]}: runs the benchmarks of {@link io.cnsh.bench} (all when none is
 * named), the only way in to them. Benchmarks are never part of the test run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks (all, or the ones named) and print figures and ratios.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    // picocli adds "..." to a repeatable parameter, so the usage reads [B1|B2|...] as the CLI contract has it
    @Parameters(paramLabel = "B1|B2|", arity = "0..*", description = "Benchmarks to run (default: all).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> all = Benchmarks.names();
        List<String> chosen = names.isEmpty() ? new ArrayList<>(all) : new ArrayList<>();
        for (String n : names) {
            String key = n.toUpperCase(Locale.ROOT);
            if (!all.contains(key)) {
                throw new UsageException("no benchmark '" + n + "' (benchmarks: " + String.join(", ", all) + ")");
            }
            chosen.add(key);
        }
        return Benchmarks.run(chosen, main.out(), main.err()) ? Main.OK : Main.ERROR;
    }
}
