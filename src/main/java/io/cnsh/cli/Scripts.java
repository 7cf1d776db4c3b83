package io.cnsh.cli;

import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.ScriptRunner;
import io.cnsh.dsl.Show;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs script files and {@code -e} snippets against a target, for {@code cnsh run}, {@code cnsh FILE} and {@code cnsh -e}. */
final class Scripts {

    private Scripts() {
    }

    static int runFile(Main main, TargetOptions options, String file, List<String> args) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("no such script: " + file);
        }
        try (Target t = main.openTarget(options); SignalStop stop = SignalStop.install(main.err())) {
            ScriptRunner runner = new ScriptRunner(new AgentsContext(t.client()), main.out(), main.err(), main.env());
            return stop.run(() -> {
                runner.runFile(path, args);
                return Main.OK;
            });
        }
    }

    static int evaluate(Main main, TargetOptions options, String code) {
        try (Target t = main.openTarget(options); SignalStop stop = SignalStop.install(main.err())) {
            AgentsContext agents = new AgentsContext(t.client());
            ScriptRunner runner = new ScriptRunner(agents, main.out(), main.err(), main.env());
            return stop.run(() -> {
                Object value = runner.evaluate(code, "-e", runner.binding(List.of()));
                for (String line : Show.lines(value, width(main), agents.isReveal())) {
                    main.out().println(line);
                }
                return Main.OK;
            });
        }
    }

    private static int width(Main main) {
        String columns = main.env().get("COLUMNS");
        try {
            return columns == null ? 0 : Integer.parseInt(columns.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
