package io.cnsh.cli;

import io.cnsh.bulk.Run;
import io.cnsh.bulk.RunStore;
import io.cnsh.bulk.RunSummary;
import io.cnsh.report.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnsh runs list|show|prune}: the runs kept in {@code $CNSH_HOME/runs} (bulk runs and writes
 * from code), read from their journals; nothing here talks to an account. See {@code docs/journal.md}.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List, show or prune the runs journaled in $CNSH_HOME/runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Prune.class,
            RunsRevertCommand.class})
final class RunsCommand implements Callable<Integer> {

    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([dh])");

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        throw new UsageException("runs takes list, show or prune (cnsh runs --help)");
    }

    RunStore store() {
        return RunStore.fromEnvironment(main.env());
    }

    /** Every run, newest first. */
    List<RunSummary> summaries() {
        RunStore store = store();
        List<RunSummary> all = new ArrayList<>();
        for (String id : store.ids()) {
            all.add(RunSummary.read(store.open(id)));
        }
        all.sort(Comparator.comparing(RunSummary::when).reversed());
        return all;
    }

    /** {@code cnsh runs list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The runs, newest first: id, kind, target, when, counts, status.")
    static final class ListRuns implements Callable<Integer> {

        @ParentCommand
        RunsCommand parent;

        @Override
        public Integer call() {
            List<RunSummary> runs = parent.summaries();
            PrintWriter out = parent.main.out();
            if (runs.isEmpty()) {
                out.println("no runs in " + parent.store().dir());
                return Main.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (RunSummary s : runs) {
                rows.add(List.of(s.run().id(), s.kind(), s.target(), s.when().toString(), s.counts(), s.statusText()));
            }
            Table.renderRows(List.of("id", "kind", "target", "when", "counts", "status"), rows, 0).forEach(out::println);
            return Main.OK;
        }
    }

    /** {@code cnsh runs show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A run's start, counts and status, and each row or write with its changes (secrets masked).")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        RunsCommand parent;

        @Parameters(paramLabel = "ID", description = "The run's id (cnsh runs list).")
        String id;

        @Override
        public Integer call() {
            RunSummary s = RunSummary.read(parent.store().open(id));
            PrintWriter out = parent.main.out();
            out.println("run " + s.run().id());
            if (s.problem() != null) {
                out.println("  status  damaged: " + s.problem());
                return Main.ERROR;
            }
            for (Map.Entry<String, String> e : s.startInfo().entrySet()) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
            out.println("  counts: " + s.counts());
            out.println("  status: " + s.statusText());
            out.println("  journal: " + s.run().journal());
            List<String> changes = s.changes();
            out.println(s.isCode() ? "writes:" : "rows:");
            changes.forEach(line -> out.println("  " + line));
            return Main.OK;
        }
    }

    /** {@code cnsh runs prune --older-than 30d [--force]}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove runs that started longer ago than --older-than; a run that can still be resumed stays"
                    + " unless --force.")
    static final class Prune implements Callable<Integer> {

        @ParentCommand
        RunsCommand parent;

        @Option(names = "--older-than", required = true, paramLabel = "AGE", description = "Nd (days) or Nh (hours), e.g. 30d.")
        String olderThan;

        @Option(names = "--force", description = "Remove resumable runs too.")
        boolean force;

        @Override
        public Integer call() {
            Instant cutoff = Instant.now().minus(age(olderThan));
            PrintWriter out = parent.main.out();
            int removed = 0;
            for (RunSummary s : parent.summaries()) {
                if (!s.when().isBefore(cutoff)) {
                    continue;
                }
                if (s.resumable() && !force) {
                    out.println("kept " + s.run().id() + " (" + s.statusText() + "; --force removes it)");
                    continue;
                }
                Run run = s.run();
                if (!parent.store().remove(run)) {
                    out.println("kept " + run.id() + " (being applied by another cnsh process)");
                    continue;
                }
                out.println("removed " + run.id() + " (" + s.kind() + ", " + s.when() + ", " + s.statusText() + ")");
                removed++;
            }
            out.println("removed " + removed + " run" + (removed == 1 ? "" : "s") + " from " + parent.store().dir());
            return Main.OK;
        }

        static Duration age(String text) {
            Matcher m = AGE.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw new UsageException("--older-than '" + text + "' is not an age like 30d (days) or 12h (hours)");
            }
            long n = Long.parseLong(m.group(1));
            return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        }
    }
}
