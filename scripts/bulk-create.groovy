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
import picocli.CommandLine.Mixin
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

    @Mixin
    BulkScriptOptions shared
}

def opts = parseArgs(new Options())
def modes = opts.shared.modes('NEW.csv', opts.csv, opts.apply)
String problem = opts.shared.problem(modes)
if (problem != null) {
    err.println "bulk-create.groovy: ${problem}"
    exit 2
}
def bulk = opts.shared.bulk(cn, env, err).updateExisting(opts.updateExisting).build()
exit modes.run(bulk, Plan.Kind.CREATE, 'bulk-create.groovy', out, err)
