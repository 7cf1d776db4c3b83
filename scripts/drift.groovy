#!/usr/bin/env cnsh
// drift.groovy: compare a desired-state CSV with the live agents and show every difference; exit 4 on
// drift, 0 when the account matches. Nothing is changed (bulk-update.groovy applies the same file).
//
//   cnsh run scripts/drift.groovy desired.csv
//   cnsh run scripts/drift.groovy desired.csv --unmanaged      # also list live agents the file leaves out
//
// desired.csv: like a bulk-update file: a key column (agentid, or else username) and the fields that
// matter; an empty cell means "any value is fine".
import io.cnsh.bulk.*
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

import java.nio.file.Path

@Command(name = 'drift.groovy', sortOptions = false,
        description = ['Compare a desired-state CSV with the live agents.',
                'Exit codes: 0 no drift, 1 error or rows with problems, 2 usage, 4 drift.'])
class Options {
    @Parameters(paramLabel = 'DESIRED.csv', description = 'Key column agentid or username, then the fields that matter.')
    Path csv

    @Option(names = '--unmanaged', description = 'Also report live agents (not deleted, not system) the file does not name.')
    boolean unmanaged

    @Option(names = '--delimiter', paramLabel = 'C', description = 'The CSV separator: , ; or tab (default: read from the header).')
    String delimiter

    @Option(names = ['-h', '--help'], usageHelp = true, description = 'Show this help.')
    boolean help
}

def opts = parseArgs(new Options())
Character delimiter = null
try {
    delimiter = opts.delimiter == null ? null : CsvTable.delimiter(opts.delimiter)
} catch (IllegalArgumentException e) {
    err.println "drift.groovy: ${e.message}"
    exit 2
}
def bulk = Bulk.builder(cn).listUnmanaged(opts.unmanaged).delimiter(delimiter).build()
try {
    def plan = bulk.planDrift(opts.csv)
    plan.lines().each { out.println it }
    exit plan.exitCode()
} catch (BulkException e) {
    err.println "drift.groovy: ${e.message}"
    exit 1
}
