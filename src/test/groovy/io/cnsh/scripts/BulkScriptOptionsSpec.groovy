package io.cnsh.scripts

import io.cnsh.bulk.BulkScriptOptions
import io.cnsh.testing.SandboxFixture
import picocli.CommandLine
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** Both bulk scripts take their shared options from the one {@link BulkScriptOptions} mixin. */
class BulkScriptOptionsSpec extends Specification {

    /** Each bulk script with how it names its CSV. */
    static final Map<String, String> SCRIPTS = ['bulk-update.groovy': 'CHANGES.csv', 'bulk-create.groovy': 'NEW.csv']

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def "both scripts' help lists the mixin's options, in its order and words, after the script's own"() {
        given:
        List<String> names = CommandLine.Model.CommandSpec.forAnnotatedObject(new BulkScriptOptions())
                .options()*.longestName()

        when:
        Map<String, List<String>> shared = SCRIPTS.collectEntries { script, csv ->
            List<String> lines = cnsh.run("scripts/${script}", '--help').outLines
            [script, lines.drop(lines.findIndexOf { it.trim().startsWith('--resume=RUN_ID ') })]
        }

        then:
        names == ['--resume', '--revert', '--force', '--save-plan', '--apply-plan', '--batch-size', '--skip-invalid',
                  '--delimiter', '--help']
        shared['bulk-update.groovy'] == shared['bulk-create.groovy']
        shared['bulk-update.groovy'].findAll { it =~ /^ {2,6}(-h, )?--/ }.collect { (it =~ /--[a-z-]+/)[0] } == names
    }

    def "#args is refused by both scripts with the same words, naming each script and its CSV (exit 2)"() {
        when:
        Map<String, List<String>> errs = SCRIPTS.collectEntries { script, csv ->
            def run = cnsh.run("scripts/${script}", args)
            assert run.exitCode == 2
            [script, run.errLines]
        }

        then:
        SCRIPTS.every { script, csv ->
            errs[script] == lines.collect { it.replace('SCRIPT', script).replace('CSV', csv) }
        }
        cnsh.requests.isEmpty()

        where:
        args                                               || lines
        ['a.csv', '--batch-size', '0']                     || ['SCRIPT: --batch-size must be at least 1, got 0']
        ['a.csv', '--batch-size', 'x']                     || ["SCRIPT: Invalid value for option '--batch-size': 'x' is not an int",
                                                               "Try 'SCRIPT --help' for usage."]
        ['a.csv', '--delimiter', '|']                      || ["SCRIPT: --delimiter must be ',', ';' or tab, got '|'"]
        ['a.csv', '--force']                               || ['SCRIPT: --force goes with --revert RUN_ID']
        ['a.csv', '--revert', 'run-x']                     || ['SCRIPT: --revert RUN_ID goes without CSV and without --resume']
        ['--revert', 'run-x', '--apply-plan', 'p.json', 'a.csv'] || ['SCRIPT: --revert RUN_ID goes without CSV and without --resume']
        ['--apply-plan', 'p.json', 'a.csv']                || ['SCRIPT: --apply-plan FILE goes alone (the plan names its input)']
        ['a.csv', '--save-plan', 'p.json', '--resume', 'x'] || ['SCRIPT: --save-plan FILE only plans (apply the saved plan with --apply-plan FILE)']
        ['a.csv', '--resume', 'run-x']                     || ['SCRIPT: give CSV, or --resume RUN_ID (not both)']
        ['a.csv', '--resume']                              || ["SCRIPT: Missing required parameter for option '--resume' (RUN_ID)",
                                                               "Try 'SCRIPT --help' for usage."]
    }

    def "--delimiter and --batch-size reach both scripts' runs"() {
        given:
        def update = cnsh.file('semi-update.csv', 'username;phone\ngokafor;+44 20 7946 0001\nmbell;+44 20 7946 0002\n')
        def create = cnsh.file('semi-create.csv', 'username;name;pin;auth_level\nbnew;Bob New;583920;agent\ncnew;Cara New;604417;agent\n')

        when:
        def updated = cnsh.run('scripts/bulk-update.groovy', update, '--delimiter', ';', '--batch-size', '1', '--apply')
        def created = cnsh.run('scripts/bulk-create.groovy', create, '--delimiter', ';', '--batch-size', '1', '--apply')

        then:
        updated.exitCode == 0
        created.exitCode == 0
        cnsh.agent(username: 'mbell').phone == '+44 20 7946 0002'
        cnsh.agent(username: 'cnew').name == 'Cara New'
        cnsh.requests('agents/update')*.records() == [1, 1]
        cnsh.requests('agents/create')*.records() == [1, 1]
    }
}
