package io.cnsh.bulk;

import io.cnsh.client.ContactNow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code bulk-update.groovy} and {@code bulk-create.groovy} share, as a picocli mixin:
 * {@code --resume}, {@code --revert}, {@code --force}, {@code --save-plan}, {@code --apply-plan},
 * {@code --batch-size}, {@code --skip-invalid}, {@code --delimiter} and {@code -h}/{@code --help}.
 * A script keeps only what differs: its CSV parameter, {@code --apply} (described in its own words)
 * and options of its own, declared before the mixin so its help lists them first.
 *
 * <pre>
 * class Options {
 *     &#64;Parameters(arity = '0..1', paramLabel = 'NEW.csv') Path csv
 *     &#64;Option(names = '--apply') boolean apply
 *     &#64;Mixin BulkScriptOptions shared
 * }
 * def opts = parseArgs(new Options())
 * def modes = opts.shared.modes('NEW.csv', opts.csv, opts.apply)
 * String problem = opts.shared.problem(modes)   // non-null: a usage error, exit 2
 * def bulk = opts.shared.bulk(cn, env, err).build()
 * </pre>
 */
public class BulkScriptOptions {

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Finish a run that stopped; its journal says what is done.")
    private String resume;

    @Option(names = "--revert", paramLabel = "RUN_ID", description = "Plan (with --apply: apply) the reverse of what that run applied.")
    private String revert;

    @Option(names = "--force", description = "With --revert: also take back rows changed since the run (marked ?).")
    private boolean force;

    @Option(names = "--save-plan", paramLabel = "FILE", description = "Write the plan to FILE (JSON, no secrets) for --apply-plan.")
    private Path savePlan;

    @Option(names = "--apply-plan", paramLabel = "FILE", description = "Apply exactly a saved plan; rows changed since are skipped (?).")
    private Path applyPlan;

    @Option(names = "--batch-size", paramLabel = "N", description = "Agents per request (default: 100; a resume: the run's own).")
    private Integer batchSize;

    @Option(names = "--skip-invalid", description = "Leave rows with problems out instead of refusing the plan.")
    private boolean skipInvalid;

    @Option(names = "--delimiter", paramLabel = "C", description = "The CSV separator: , ; or tab (default: read from the header).")
    private String delimiter;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    /**
     * The mode these options name together with the script's CSV and {@code --apply}.
     *
     * @param csvLabel how the script's help names its CSV, e.g. {@code CHANGES.csv}
     */
    public ScriptModes modes(String csvLabel, Path csv, boolean apply) {
        return new ScriptModes(csvLabel, csv, resume, revert, applyPlan, savePlan, apply, force);
    }

    /**
     * The first usage mistake (one line, without the script's name), or {@code null}: in the
     * {@code modes}, then in {@code --batch-size}, then in {@code --delimiter}.
     */
    public String problem(ScriptModes modes) {
        String problem = modes.problem();
        if (problem != null) {
            return problem;
        }
        if (batchSize != null && batchSize < 1) {
            return "--batch-size must be at least 1, got " + batchSize;
        }
        try {
            separator();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * A builder of the script's {@link Bulk}, set up from these options: runs under the
     * environment's cnsh home, progress and notices on {@code err}. Call after {@link #problem}
     * found nothing.
     */
    public Bulk.Builder bulk(ContactNow client, Map<String, String> env, PrintWriter err) {
        Bulk.Builder builder = Bulk.builder(client)
                .delimiter(separator())
                .runs(RunStore.fromEnvironment(env))
                .skipInvalid(skipInvalid)
                .progress(Progress.auto(err))
                .notices(line -> {
                    err.println(line);
                    err.flush();
                });
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        return builder;
    }

    private Character separator() {
        return delimiter == null ? null : CsvTable.delimiter(delimiter);
    }
}
