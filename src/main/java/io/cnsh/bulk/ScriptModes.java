package io.cnsh.bulk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What the bulk scripts do with their mode options, shared by {@code bulk-update.groovy} and
 * {@code bulk-create.groovy}: a CSV (plan, {@code --apply}, {@code --save-plan}), {@code --resume},
 * {@code --revert} (with {@code --force}) or {@code --apply-plan}.
 *
 * @param csvLabel  how the script's help names its CSV, e.g. {@code CHANGES.csv}
 * @param csv       the CSV, or {@code null}
 * @param resume    the run to resume, or {@code null}
 * @param revert    the run to revert, or {@code null}
 * @param applyPlan the saved plan to apply, or {@code null}
 * @param savePlan  where to save the plan, or {@code null}
 * @param apply     {@code --apply}
 * @param force     {@code --force}
 */
public record ScriptModes(String csvLabel, Path csv, String resume, String revert, Path applyPlan, Path savePlan,
                          boolean apply, boolean force) {

    /** The usage mistake in these options (one line, without the script's name), or {@code null}. */
    public String problem() {
        if (revert != null && (csv != null || resume != null)) {
            return "--revert RUN_ID goes without " + csvLabel + " and without --resume";
        }
        if (applyPlan != null && (csv != null || resume != null || revert != null || savePlan != null)) {
            return "--apply-plan FILE goes alone (the plan names its input)";
        }
        if (savePlan != null && (resume != null || apply)) {
            return "--save-plan FILE only plans (apply the saved plan with --apply-plan FILE)";
        }
        if (revert == null && applyPlan == null && (csv == null) == (resume == null)) {
            return "give " + csvLabel + ", or --resume RUN_ID (not both)";
        }
        if (force && revert == null) {
            return "--force goes with --revert RUN_ID";
        }
        return null;
    }

    /**
     * Runs the mode the options name and says how it ended: plan and result lines go to {@code out},
     * notices (where a saved plan went) and failures to {@code err}, each failure as one line naming
     * the {@code script}.
     *
     * @return the exit code of the CLI contract: 2 when a run or saved plan was made for another
     *         account ({@link WrongTargetException}), 1 when {@link Bulk} failed otherwise
     */
    public int run(Bulk bulk, Plan.Kind kind, String script, PrintWriter out, PrintWriter err) {
        try {
            return dispatch(bulk, kind, out::println, err::println);
        } catch (WrongTargetException e) {
            err.println(script + ": " + e.getMessage());
            return 2;
        } catch (BulkException e) {
            err.println(script + ": " + e.getMessage());
            return 1;
        }
    }

    private int dispatch(Bulk bulk, Plan.Kind kind, Consumer<String> out, Consumer<String> notices) {
        if (applyPlan != null) {
            return bulk.applyPlan(applyPlan, out);
        }
        if (revert != null) {
            return bulk.revert(revert, apply, force, savePlan, out);
        }
        if (savePlan != null) {
            Plan plan = bulk.plan(kind, csv);
            plan.lines().forEach(out);
            bulk.savePlan(plan, savePlan);
            notices.accept("Plan saved to " + savePlan + "; apply exactly it with --apply-plan " + savePlan);
            return plan.exitCode();
        }
        return bulk.planOrApply(kind, csv, resume, apply, out);
    }
}
