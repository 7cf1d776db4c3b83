package io.cnsh.cli;

import io.cnsh.client.ChangeGuard;
import io.cnsh.dsl.OutputForm;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The run options of the CLI contract that bound what a command may write: {@code --yes} and
 * {@code --max-changes N}, for {@code -e}, {@code run}, scripts and the shell; accepted before or
 * after the subcommand, a value after it winning.
 */
final class RunOptions {

    @Option(names = "--yes", description = "Answer yes to the production guard's question (also CNSH_ASSUME_YES=1).")
    Boolean yes;

    @Option(names = "--max-changes", paramLabel = "N",
            description = "Refuse any write that takes the command past N agents, on any target (exit 2).")
    Integer maxChanges;

    @Option(names = {"-o", "--output"}, paramLabel = "FORM", converter = OutputName.class,
            completionCandidates = OutputNames.class,
            description = "How -e prints its value: ${COMPLETION-CANDIDATES} (default: as a table, fitted to COLUMNS).")
    OutputForm output;

    @Option(names = "--reveal",
            description = "Show pins and passwords in what -e prints (masked as **** by default).")
    Boolean reveal;

    @Option(names = "--dry-run",
            description = "Send no create or update: print them as a plan; exit 4 when there would be changes, else 0.")
    Boolean dryRun;

    /** These options with the unset ones taken from {@code outer}. */
    RunOptions over(RunOptions outer) {
        RunOptions r = new RunOptions();
        r.yes = yes != null ? yes : outer.yes;
        r.maxChanges = maxChanges != null ? maxChanges : outer.maxChanges;
        r.output = output != null ? output : outer.output;
        r.reveal = reveal != null ? reveal : outer.reveal;
        r.dryRun = dryRun != null ? dryRun : outer.dryRun;
        return r;
    }

    /**
     * Refuses {@code --output} for a command that prints no value of its own ({@code cnsh run}, a
     * script, the shell): a form that would be silently ignored is a mistake worth a word.
     *
     * @throws UsageException when {@code --output} was given
     */
    void refuseOutput(String command) {
        if (output != null) {
            throw new UsageException("--output is for -e: " + command + " prints no value of its own"
                    + " (a script prints what it chooses)");
        }
        if (reveal != null) {
            throw new UsageException("--reveal is for -e: " + command + " prints no value of its own"
                    + " (in code, agents.reveal = true shows secrets)");
        }
    }

    /** Whether {@code -e} shows secrets in its value: {@code --reveal}. */
    boolean reveals() {
        return Boolean.TRUE.equals(reveal);
    }

    /**
     * The guard's options from these flags and {@code CNSH_ASSUME_YES}.
     *
     * @throws UsageException for a negative {@code --max-changes} or a {@code CNSH_ASSUME_YES} that is neither yes nor no
     */
    ChangeGuard.Options guardOptions(Map<String, String> env) {
        if (maxChanges != null && maxChanges < 0) {
            throw new UsageException("--max-changes must be a whole number of 0 or more, got " + maxChanges);
        }
        return new ChangeGuard.Options(Boolean.TRUE.equals(yes) || assumeYes(env.get("CNSH_ASSUME_YES")), maxChanges);
    }

    /** True with {@code --dry-run}. */
    boolean dryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    private static boolean assumeYes(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true", "yes" -> true;
            case "", "0", "false", "no" -> false;
            default -> throw new UsageException("CNSH_ASSUME_YES must be 1 (answer yes) or 0, got '" + value + "'");
        };
    }

    /** {@code --output}'s value: one of the forms' names, in any case; a missing one is told the names too. */
    static final class OutputName extends OptionConverters.Choice<OutputForm> {
        private static final String NAMES = String.join(", ", new OutputNames());

        OutputName() {
            super(byName(), NAMES);
        }

        @Override
        public OutputForm convert(String value) {
            if (value == null || value.isBlank()) {
                throw new OptionConverters.Refused("needs a value: " + NAMES);
            }
            return super.convert(value);
        }

        private static Map<String, OutputForm> byName() {
            Map<String, OutputForm> forms = new LinkedHashMap<>();
            for (OutputForm f : OutputForm.values()) {
                forms.put(f.optionName(), f);
            }
            return forms;
        }
    }

    /** {@code --output}'s names for help and completion: table, json, csv, tsv, values. */
    static final class OutputNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(OutputForm.values()).map(OutputForm::optionName).iterator();
        }
    }
}
