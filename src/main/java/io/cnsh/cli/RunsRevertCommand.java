package io.cnsh.cli;

import io.cnsh.bulk.Bulk;
import io.cnsh.bulk.BulkException;
import io.cnsh.bulk.Progress;
import io.cnsh.bulk.RunStore;
import io.cnsh.bulk.WrongTargetException;
import io.cnsh.client.ChangeGuard;
import io.cnsh.client.DryRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cnsh runs revert ID [--apply] [--force]}: plans (and with {@code --apply} applies, as a new
 * run) the reverse of what a run applied, as the bulk scripts' {@code --revert} does; with
 * {@code cnsh --dry-run} its writes are held and printed as a plan, and no run is started. It finds
 * {@link Main} at the root of the command tree, so it works wherever it is registered.
 */
@Command(name = "revert", description = {"Plan (with --apply: apply) the reverse of what a run applied:",
        "a bulk run, or the writes of -e, run FILE or a shell session.",
        "Rows changed since the run are conflicts (?), left as they are unless --force.",
        "Exit codes: 0 nothing to do / applied, 1 error, 2 usage or another target, 3 rows skipped or failed,",
        "4 the plan shows changes or conflicts."})
public final class RunsRevertCommand implements Callable<Integer>, TargetAware {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    RunOptions run;

    @Parameters(paramLabel = "ID", description = "The run to take back (cnsh runs list shows them).")
    String runId;

    @Option(names = "--apply", description = "Send the revert (default: only show its plan).")
    boolean apply;

    @Option(names = "--force", description = "Also take back rows changed since the run (marked ?).")
    boolean force;

    @Override
    public TargetOptions targetOptions() {
        return target;
    }

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        PrintWriter out = main.out();
        PrintWriter err = main.err();
        RunOptions options = run.over(main.run);
        options.refuseOutput("cnsh runs revert");
        ChangeGuard.Options rules = Scripts.rules(main, options);
        try (Target t = main.openTarget(target); SignalStop stop = SignalStop.install(err)) {
            ChangeGuard guard = Scripts.guard(main, t, rules);
            DryRun dry = Scripts.dryRun(main, t, options, guard);
            Bulk bulk = Bulk.builder(t.client().withWriteGate(dry != null ? dry : guard))
                    .runs(RunStore.fromEnvironment(main.env()))
                    .progress(Progress.auto(err)).notices(line -> {
                        err.println(line);
                        err.flush();
                    }).build();
            int code = stop.run(() -> {
                try {
                    return bulk.revert(runId, apply, force, null, out::println);
                } catch (WrongTargetException e) {
                    err.println("cnsh: " + e.getMessage());
                    return Main.USAGE;
                } catch (BulkException e) {
                    err.println("cnsh: " + e.getMessage());
                    return Main.ERROR;
                }
            });
            return stop.requested() || dry == null || !apply ? code : Scripts.plan(main, dry, code);
        }
    }
}
