package io.cnsh.scripts

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

class ReportScriptSpec extends Specification {

    static final String SCRIPT = 'scripts/report.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @Shared
    List<String> secrets

    def setupSpec() {
        secrets = cnsh.readAll().collectMany { [it.pin(), it.password()] }.findAll { it && it.length() >= 6 }.unique()
    }

    def setup() {
        cnsh.reset()
    }

    def "the summary counts live agents and --all includes deleted and system ones"() {
        when:
        def live = cnsh.run(SCRIPT, 'summary')
        def all = cnsh.run(SCRIPT, 'summary', '--all')

        then:
        live.exitCode == 0
        live.outLines[0] == 'Summary of 38 agents'
        live.out.contains('agent       32      84.2%  ##############################')
        all.outLines[0] == 'Summary of 40 agents'
    }

    def "the audit never prints a PIN or password, in any format"() {
        expect:
        def run = cnsh.run(SCRIPT, 'audit', '--format', format)
        run.exitCode == 0
        run.out.contains('thargreaves')
        secrets.every { !run.out.contains(it) }

        where:
        format << ['table', 'csv', 'json', 'md', 'html']
    }

    def "an HTML report goes to a file, self-contained with inline SVG charts"() {
        given:
        def file = cnsh.home.resolve('summary.html')

        when:
        def run = cnsh.run(SCRIPT, 'summary', '--format', 'html', '--out', file)
        def html = Files.readString(file)

        then:
        run.exitCode == 0
        run.out.isEmpty()
        run.errLines == ["report.groovy: wrote summary (html) to ${file}".toString()]
        html.startsWith('<!DOCTYPE html>')
        (html =~ /<svg /).size() == 4
        !html.contains('http') && !html.contains('<script')
    }

    def "duplicates as JSON name the shared username and what differs"() {
        when:
        def run = cnsh.run(SCRIPT, 'duplicates', '--format', 'json')
        def doc = new ObjectMapper().readTree(run.out)

        then:
        run.exitCode == 0
        doc.path('sections')[0].path('rows')*.path('agentid')*.asText() == ['550007', '550008']
        doc.path('sections')[0].path('rows')[0].path('differs').asText().contains('pin (differs)')
        secrets.every { !run.out.contains(it) }
    }

    def "an export is CSV of every agent with secrets masked, or owner-only with --include-secrets"() {
        given:
        def file = cnsh.home.resolve('agents.csv')

        when:
        def masked = cnsh.run(SCRIPT, 'export')
        def revealed = cnsh.run(SCRIPT, 'export', '--include-secrets', '--out', file)

        then:
        masked.exitCode == 0
        masked.outLines.size() == 41
        secrets.every { !masked.out.contains(it) }
        revealed.exitCode == 0
        Files.readString(file).contains(',482913,praman,Harbour-Lights-72,')
        Files.getPosixFilePermissions(file)*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
    }

    def "#args is a usage error (exit 2)"() {
        when:
        def run = cnsh.run(SCRIPT, args)

        then:
        run.exitCode == 2
        run.errLines[0] == message
        cnsh.requests.isEmpty()

        where:
        args                                     || message
        ['weather']                              || "report.groovy: unknown report 'weather'; reports: summary, audit, duplicates, export"
        ['summary', '--format', 'pdf']           || "report.groovy: unknown report format 'pdf'; formats: table, csv, json, md, html, xml"
        ['audit', '--format', 'xml']             || 'report.groovy: only export has an xml form; use table, csv, json, md or html'
        ['audit', '--include-secrets']           || 'report.groovy: --include-secrets is for export only: the audit report never shows PINs or passwords'
        []                                       || "report.groovy: Missing required parameter: 'REPORT'"
    }
}
