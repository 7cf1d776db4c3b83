#!/usr/bin/env cnsh
// report.groovy: answers about the agents of an account, for people (table, Markdown, HTML with
// charts) and for tools (CSV, JSON).
//
//   cnsh run scripts/report.groovy summary                       # counts by level, campaign, status, version
//   cnsh run scripts/report.groovy audit --format html --out audit.html   # weak/shared PINs, rights
//   cnsh run scripts/report.groovy duplicates                    # usernames and names held twice
//   cnsh run scripts/report.groovy export --out agents.csv       # every agent; edit it and feed it to bulk-update
//
// PINs and passwords are never shown, except in an export with --include-secrets.
import io.cnsh.client.AgentQuery
import io.cnsh.model.OwnerOnlyFiles
import io.cnsh.report.AgentReports
import io.cnsh.report.ReportFormat
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

import java.nio.file.Files
import java.nio.file.Path

@Command(name = 'report.groovy', sortOptions = false,
        description = ['Reports over the agents of the account: summary, audit, duplicates, export.',
                'Deleted (999) and system (505050) agents are left out of summary, audit and duplicates unless --all.',
                'Exit codes: 0 ok, 1 error, 2 usage.'])
class Options {
    @Parameters(paramLabel = 'REPORT', description = 'summary, audit, duplicates or export.')
    String kind

    @Option(names = '--format', paramLabel = 'FORMAT', description = 'table, csv, json, md or html; export also xml (default: table; export: csv).')
    String format

    @Option(names = '--out', paramLabel = 'FILE', description = 'Write the report to FILE instead of standard output.')
    Path out

    @Option(names = '--all', description = 'Include deleted and system agents.')
    boolean all

    @Option(names = '--include-secrets', description = 'export only: show PINs and passwords (the file is made owner-only).')
    boolean includeSecrets

    @Option(names = ['-h', '--help'], usageHelp = true, description = 'Show this help.')
    boolean help
}

def opts = parseArgs(new Options())
def usage = { String problem ->
    err.println "report.groovy: ${problem}"
    err.println "Try 'report.groovy --help' for usage."
    exit 2
}
if (!(opts.kind in ['summary', 'audit', 'duplicates', 'export'])) {
    usage "unknown report '${opts.kind}'; reports: summary, audit, duplicates, export"
}
def format
try {
    format = ReportFormat.parse(opts.format ?: (opts.kind == 'export' ? 'csv' : 'table'))
} catch (IllegalArgumentException e) {
    usage e.message
}
if (format == ReportFormat.XML && opts.kind != 'export') {
    usage "only export has an xml form; use table, csv, json, md or html"
}
if (opts.includeSecrets && opts.kind != 'export') {
    usage "--include-secrets is for export only: the ${opts.kind} report never shows PINs or passwords"
}

def agents = cn.agents().readAll(AgentQuery.all()).toList()
byte[] bytes = opts.kind == 'export'
        ? AgentReports.export(agents, format, opts.includeSecrets)
        : AgentReports.of(opts.kind, agents, opts.all).render(format).getBytes('UTF-8')

if (opts.out) {
    if (opts.includeSecrets) {
        // a file with secrets in it is owner-only from the moment it exists, and written whole
        OwnerOnlyFiles.replace(opts.out, bytes)
    } else {
        Files.deleteIfExists(opts.out)
        Files.write(opts.out, bytes)
    }
    err.println "report.groovy: wrote ${opts.kind} (${format.label()}) to ${opts.out}"
} else {
    out.print new String(bytes, 'UTF-8')
    out.flush()
}
