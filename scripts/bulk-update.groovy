#!/usr/bin/env cnsh
// bulk-update.groovy: change many agents from a CSV, Terraform style: plan first, then apply exactly
// that plan, with a journal that lets an interrupted run be resumed.
//
//   cnsh run scripts/bulk-update.groovy changes.csv              # plan: show what would change (exit 4 if anything)
//   cnsh run scripts/bulk-update.groovy changes.csv --apply      # apply it, in batches, with a progress bar
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

    @Option(names = '--batch-size', paramLabel = 'N', description = 'Agents per request (default: ${DEFAULT-VALUE}).')
    int batchSize = Bulk.DEFAULT_BATCH_SIZE

    @Option(names = '--skip-invalid', description = 'Leave rows with problems out instead of refusing the plan.')
    boolean skipInvalid

    @Option(names = ['-h', '--help'], usageHelp = true, description = 'Show this help.')
    boolean help
}

def opts = parseArgs(new Options())
if ((opts.csv == null) == (opts.resume == null)) {
    err.println 'bulk-update.groovy: give CHANGES.csv, or --resume RUN_ID (not both)'
    exit 2
}
if (opts.batchSize < 1) {
    err.println "bulk-update.groovy: --batch-size must be at least 1, got ${opts.batchSize}"
    exit 2
}

// env: the process environment (a test fixture passes its own, with a private CNSH_HOME)
def bulk = Bulk.builder(cn)
        .runs(RunStore.fromEnvironment(binding.variables.env ?: System.getenv()))
        .batchSize(opts.batchSize)
        .skipInvalid(opts.skipInvalid)
        .progress(Progress.auto(err))
        .build()

try {
    if (opts.resume) {
        def result = bulk.resume(opts.resume)
        result.lines().each { out.println it }
        exit result.exitCode()
    }
    def plan = bulk.planUpdate(opts.csv)
    plan.lines().each { out.println it }
    if (!opts.apply || plan.exitCode() == 0) {
        if (opts.apply) {
            out.println 'Nothing to apply.'
        }
        exit plan.exitCode()
    }
    // a plan with problems is refused here, in one line on err, and nothing is sent
    def result = bulk.apply(plan)
    result.lines().each { out.println it }
    exit result.exitCode()
} catch (BulkException e) {
    err.println "bulk-update.groovy: ${e.message}"
    exit 1
}
