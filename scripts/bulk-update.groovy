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
import picocli.CommandLine.Mixin
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

    @Mixin
    BulkScriptOptions shared
}

def opts = parseArgs(new Options())
def modes = opts.shared.modes('CHANGES.csv', opts.csv, opts.apply)
String problem = opts.shared.problem(modes)
if (problem != null) {
    err.println "bulk-update.groovy: ${problem}"
    exit 2
}
def bulk = opts.shared.bulk(cn, env, err).build()
exit modes.run(bulk, Plan.Kind.UPDATE, 'bulk-update.groovy', out, err)
