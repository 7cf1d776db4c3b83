#!/usr/bin/env cnsh
// bulk-update.groovy: change many agents from a CSV, Terraform style: plan first, then apply exactly
// that plan, with a journal that lets an interrupted run be resumed.
//
//   cnsh run scripts/bulk-update.groovy changes.csv              # plan: show what would change (exit 4 if anything)
//   cnsh run scripts/bulk-update.groovy changes.csv --apply      # apply it, in batches, with a progress bar
//   cnsh run scripts/bulk-update.groovy X.csv --save-plan p.json   # plan, saved for review; then --apply-plan p.json
//   cnsh run scripts/bulk-update.groovy --revert RUN_ID          # plan taking that run back (--apply: do it)
//   cnsh run scripts/bulk-update.groovy --resume RUN_ID          # after a crash or Ctrl-C: the rest, nothing twice
//
// changes.csv: a key column (agentid, or else username) and one column per field to set, by wire name:
//   agentid,auth_level,selfserve_id
//   550003,admin,
//   550010,,3102
// An empty cell leaves the field as it is; #empty sets it to ''; **** in pin/password leaves it as it is.
import io.cnsh.bulk.*
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

import java.nio.file.Path

@Command(name = 'bulk-update.groovy', sortOptions = false,
        description = ['Change agents from a CSV: plan (default), --apply, or --resume an interrupted run.',
                'Exit codes: 0 no changes / applied, 1 error or rows with problems, 2 usage, 3 some rows failed,',
                '4 the plan shows changes.'])
class Options {
    @Parameters(arity = '0..1', paramLabel = 'CHANGES.csv', description = 'Key column agentid or username, then fields to set.')
    Path csv

    @Option(names = '--apply', description = 'Send the planned changes (default: only show the plan).')
    boolean apply

    @Option(names = '--resume', paramLabel = 'RUN_ID', description = 'Finish a run that stopped; its journal says what is done.')
    String resume

    @Option(names = '--revert', paramLabel = 'RUN_ID', description = 'Plan (with --apply: apply) the reverse of what that run applied.')
    String revert

    @Option(names = '--force', description = 'With --revert: also take back rows changed since the run (marked ?).')
    boolean force

    @Option(names = '--save-plan', paramLabel = 'FILE', description = 'Write the plan to FILE (JSON, no secrets) for --apply-plan.')
    Path savePlan

    @Option(names = '--apply-plan', paramLabel = 'FILE', description = 'Apply exactly a saved plan; rows changed since are skipped (?).')
    Path applyPlan

    @Option(names = '--batch-size', paramLabel = 'N', description = 'Agents per request (default: 100; a resume: the run\'s own).')
    Integer batchSize

    @Option(names = '--skip-invalid', description = 'Leave rows with problems out instead of refusing the plan.')
    boolean skipInvalid

    @Option(names = '--delimiter', paramLabel = 'C', description = 'The CSV separator: , ; or tab (default: read from the header).')
    String delimiter

    @Option(names = ['-h', '--help'], usageHelp = true, description = 'Show this help.')
    boolean help
}

def opts = parseArgs(new Options())
if (opts.revert != null && (opts.csv != null || opts.resume != null)) {
    err.println 'bulk-update.groovy: --revert RUN_ID goes without CHANGES.csv and without --resume'
    exit 2
}
def modes = new ScriptModes('CHANGES.csv', opts.csv, opts.resume, opts.revert, opts.applyPlan, opts.savePlan,
        opts.apply, opts.force)
if (modes.problem() != null) {
    err.println "bulk-update.groovy: ${modes.problem()}"
    exit 2
}
if (opts.batchSize != null && opts.batchSize < 1) {
    err.println "bulk-update.groovy: --batch-size must be at least 1, got ${opts.batchSize}"
    exit 2
}

Character delimiter = null
try {
    delimiter = opts.delimiter == null ? null : CsvTable.delimiter(opts.delimiter)
} catch (IllegalArgumentException e) {
    err.println "bulk-update.groovy: ${e.message}"
    exit 2
}

def builder = Bulk.builder(cn)
        .delimiter(delimiter)
        .runs(RunStore.fromEnvironment(env))
        .skipInvalid(opts.skipInvalid)
        .progress(Progress.auto(err))
        .notices { String line -> err.println(line); err.flush() }
if (opts.batchSize != null) {
    builder.batchSize(opts.batchSize)
}
def bulk = builder.build()

try {
    exit modes.run(bulk, Plan.Kind.UPDATE, out.&println) { String line -> err.println(line) }
} catch (WrongTargetException e) {
    err.println "bulk-update.groovy: ${e.message}"
    exit 2
} catch (BulkException e) {
    err.println "bulk-update.groovy: ${e.message}"
    exit 1
}
