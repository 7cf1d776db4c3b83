#!/usr/bin/env cnsh
// bulk-create.groovy: create agents from a CSV, keyed by username (like kubectl apply: run it twice,
// nothing is created twice). Existing usernames are skipped, or updated with --update-existing.
//
//   cnsh run scripts/bulk-create.groovy new.csv                    # plan (exit 4 if anything would change)
//   cnsh run scripts/bulk-create.groovy new.csv --apply            # create; results CSV lists the new agentids
//   cnsh run scripts/bulk-create.groovy X.csv --save-plan p.json   # plan, saved for review; then --apply-plan p.json
//   cnsh run scripts/bulk-create.groovy --revert RUN_ID            # plan taking that run back (--apply: do it)
//   cnsh run scripts/bulk-create.groovy --resume RUN_ID            # finish an interrupted run
//
// new.csv: a username column and one column per field, by wire name (no agentid: the API assigns it):
//   username,name,pin,auth_level,selfserve_id
//   bnew,Bob New,583920,agent,3101
// When the answer to a create is lost, the username is looked up before anything is sent again.
import io.cnsh.bulk.*
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

import java.nio.file.Path

@Command(name = 'bulk-create.groovy', sortOptions = false,
        description = ['Create agents from a CSV keyed by username: plan (default), --apply, or --resume.',
                'Exit codes: 0 nothing to do / applied, 1 error or rows with problems, 2 usage, 3 some rows failed,',
                '4 the plan shows changes.'])
class Options {
    @Parameters(arity = '0..1', paramLabel = 'NEW.csv', description = 'A username column, then the fields of each new agent.')
    Path csv

    @Option(names = '--apply', description = 'Create (and update) as planned (default: only show the plan).')
    boolean apply

    @Option(names = '--update-existing', description = 'Update agents whose username exists instead of skipping them.')
    boolean updateExisting

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
    err.println 'bulk-create.groovy: --revert RUN_ID goes without NEW.csv and without --resume'
    exit 2
}
def modes = new ScriptModes('NEW.csv', opts.csv, opts.resume, opts.revert, opts.applyPlan, opts.savePlan,
        opts.apply, opts.force)
if (modes.problem() != null) {
    err.println "bulk-create.groovy: ${modes.problem()}"
    exit 2
}
if (opts.batchSize != null && opts.batchSize < 1) {
    err.println "bulk-create.groovy: --batch-size must be at least 1, got ${opts.batchSize}"
    exit 2
}

Character delimiter = null
try {
    delimiter = opts.delimiter == null ? null : CsvTable.delimiter(opts.delimiter)
} catch (IllegalArgumentException e) {
    err.println "bulk-create.groovy: ${e.message}"
    exit 2
}

def builder = Bulk.builder(cn)
        .delimiter(delimiter)
        .runs(RunStore.fromEnvironment(env))
        .skipInvalid(opts.skipInvalid)
        .updateExisting(opts.updateExisting)
        .progress(Progress.auto(err))
        .notices { String line -> err.println(line); err.flush() }
if (opts.batchSize != null) {
    builder.batchSize(opts.batchSize)
}
def bulk = builder.build()

try {
    exit modes.run(bulk, Plan.Kind.CREATE, out.&println) { String line -> err.println(line) }
} catch (WrongTargetException e) {
    err.println "bulk-create.groovy: ${e.message}"
    exit 2
} catch (BulkException e) {
    err.println "bulk-create.groovy: ${e.message}"
    exit 1
}
