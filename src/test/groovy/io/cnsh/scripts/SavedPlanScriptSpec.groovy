package io.cnsh.scripts

import io.cnsh.model.OwnerOnlyFiles
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

/** --save-plan FILE and --apply-plan FILE of the bulk scripts, on the sandbox. */
class SavedPlanScriptSpec extends Specification {

    static final String UPDATE = 'scripts/bulk-update.groovy'
    static final String CREATE = 'scripts/bulk-create.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def changes() {
        cnsh.file('changes.csv', 'username,auth_level,pin,userfield\n' +
                'gokafor,admin,771199,Moved\nmbell,,,Moved\npraman,agent,,\n')
    }

    def "a saved plan holds the input's SHA-256, the target and each row's before and after, never a secret, owner-only"() {
        given:
        def plan = cnsh.home.resolve('plan.json')

        when:
        def run = cnsh.run(UPDATE, changes(), '--save-plan', plan)
        def json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(plan.toFile(), Map)

        then:
        run.exitCode == 4
        run.errLines[-1] == "Plan saved to ${plan}; apply exactly it with --apply-plan ${plan}".toString()
        cnsh.requests('agents/update').isEmpty()
        OwnerOnlyFiles.isPrivate(plan)
        json.sha256 ==~ /[0-9a-f]{64}/
        json.target == cnsh.client.baseUri().toString()
        json.rows*.agentid == ['550003', '550006', '550000']
        json.rows[0].changes == [[field: 'auth_level', before: 'supervisor', after: 'admin'], [field: 'pin', secret: true],
                                 [field: 'userfield', before: 'Team North', after: 'Moved']]
        !Files.readString(plan).contains('771199')
        !Files.readString(plan).contains(cnsh.agent(username: 'gokafor').get('pin'))
    }

    def "a saved plan applied after one of its agents changed skips that row as a conflict, applies the rest exactly and exits 3"() {
        given:
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, changes(), '--save-plan', plan).exitCode == 4
        cnsh.eval("agents < update agentid: 550006, userfield: 'Someone else' >")
        cnsh.eval("agents < update agentid: 550003, name: 'Grace O.' >")

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 3
        run.outLines[0] == "? row 3: agent 550006 mbell (Marcus Bell): changed since the plan was saved: userfield live 'Someone else', planned against 'Renewals'; skipped"
        cnsh.agent(username: 'mbell').userfield == 'Someone else'
        with(cnsh.agent(username: 'gokafor')) {
            auth_level == 'admin'
            userfield == 'Moved'
            pin == '771199'
            name == 'Grace O.'
        }
        cnsh.agent(username: 'praman').auth_level == 'agent'
        !run.out.contains('771199') && !run.err.contains('771199')
    }

    def "a row the saved plan did not change is left alone even when it would change now"() {
        given:
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, changes(), '--save-plan', plan).exitCode == 4
        cnsh.eval("agents < update agentid: 550006, userfield: 'Moved' >")
        def plan2 = cnsh.home.resolve('plan2.json')
        assert cnsh.run(UPDATE, changes(), '--save-plan', plan2).exitCode == 4
        cnsh.eval("agents < update agentid: 550006, userfield: 'Later' >")

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan2)

        then:
        run.exitCode == 0
        cnsh.agent(username: 'mbell').userfield == 'Later'
        cnsh.agent(username: 'gokafor').userfield == 'Moved'
    }

    def "a saved plan whose input file was edited is refused in one line and nothing is sent"() {
        given:
        def csv = changes()
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, csv, '--save-plan', plan).exitCode == 4
        Files.writeString(csv, Files.readString(csv).replace('agent', 'admin'))

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 1
        run.errLines == ["bulk-update.groovy: ${csv.toAbsolutePath().normalize()} changed since the plan ${plan} was saved; a saved plan applies the file it was made from: restore it, or plan the file again".toString()]
        cnsh.requests.isEmpty() || cnsh.requests('agents/update').isEmpty()
    }

    def "#what is refused as not a saved plan"() {
        given:
        def plan = cnsh.file('plan.json', text)

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 1
        run.errLines == ["bulk-update.groovy: ${plan}: not a plan saved by --save-plan${suffix}".toString()]
        cnsh.requests.isEmpty()

        where:
        what          | text                  | suffix
        'a CSV'       | 'username,name\na,b\n' | ' (not JSON)'
        'other JSON'  | '{"rows": []}'        | ''
    }

    def "--save-plan naming #what saves nothing, changes no file and says why in one line"() {
        given:
        def csv = changes()
        byte[] input = Files.readAllBytes(csv)
        def other = cnsh.file('notes.txt', 'my notes\n')
        def link = cnsh.home.resolve('link.csv')
        Files.deleteIfExists(link)
        Files.createSymbolicLink(link, csv)
        def target = [input: csv, link: link, notes: other, dir: cnsh.home, empty: ''][name]

        when:
        def run = cnsh.run(UPDATE, csv, '--save-plan', target)

        then:
        run.exitCode == 1
        run.errLines == ["bulk-update.groovy: ${message.replace('FILE', target.toString())}".toString()]
        Files.readAllBytes(csv) == input
        Files.readString(other) == 'my notes\n'
        cnsh.requests('agents/update').isEmpty()

        where:
        what                      | name    | message
        'the input CSV'           | 'input' | '--save-plan FILE is the input CSV itself; nothing was saved (name another file)'
        'a link to the input CSV' | 'link'  | '--save-plan FILE is the input CSV itself; nothing was saved (name another file)'
        'a file that is no plan'  | 'notes' | '--save-plan FILE exists and is not a plan saved by --save-plan; nothing was saved (remove it or name another file)'
        'a directory'             | 'dir'   | '--save-plan FILE is a directory; nothing was saved (name a file)'
        'no file at all'          | 'empty' | '--save-plan needs a file name; nothing was saved'
    }

    def "--save-plan replaces a plan saved before (planning again is normal)"() {
        given:
        def csv = changes()
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, csv, '--save-plan', plan).exitCode == 4
        Files.writeString(csv, Files.readString(csv).replace('praman,agent,,', 'praman,admin,,'))

        when:
        def run = cnsh.run(UPDATE, csv, '--save-plan', plan)

        then:
        run.exitCode == 4
        cnsh.run(UPDATE, '--apply-plan', plan).exitCode == 0
        cnsh.agent(username: 'praman').get('auth_level') == 'admin'
    }

    def "a saved plan edited after it was saved (#what) is refused whole: one line naming the row, exit 1, nothing sent"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level,pin,userfield\ngokafor,admin,771199,Moved\nmbell,,,Moved\n')
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, csv, '--save-plan', plan).exitCode == 4
        def mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        Map json = mapper.readValue(plan.toFile(), Map)
        edit(json)
        mapper.writeValue(plan.toFile(), json)

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 1
        run.errLines == ["bulk-update.groovy: ${plan} does not match its input changes.csv: ${problem}; a saved plan that was edited is not applied, and nothing was sent (save the plan again)".toString()]
        cnsh.requests('agents/update').isEmpty()
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'

        where:
        what                          | edit                                                                              | problem
        'another value'               | { Map j -> j.rows[0].changes[0].after = 'agent' }                                 | "row 2: the plan sets auth_level to 'agent', the input to 'admin'"
        'a field the row leaves'      | { Map j -> j.rows[1].changes << [field: 'moh', before: 'none', after: 'jazz'] }   | "row 3: the plan sets moh, which the input's row leaves as it is"
        'a row the input lacks'       | { Map j -> j.rows[1].row = 7 }                                                    | 'row 7 is not in the input'
        'a row twice'                 | { Map j -> j.rows << j.rows[0] }                                                  | 'row 2 is in the plan twice'
        'a create for an update'      | { Map j -> j.rows[0].action = 'create' }                                          | 'row 2: the plan creates where the input updates'
        'a field said to be secret'   | { Map j -> j.rows[0].changes[0] = [field: 'auth_level', secret: true] }           | 'row 2: the plan marks auth_level as secret'
        'a secret said not to be'     | { Map j -> j.rows[0].changes[1] = [field: 'pin', before: '1', after: '771199'] }  | 'row 2: the plan marks pin as not secret'
    }

    def "a saved create whose username was edited is refused whole"() {
        given:
        def csv = cnsh.file('new.csv', 'username,name\nbnew,Bob New\n')
        def plan = cnsh.home.resolve('create.json')
        assert cnsh.run(CREATE, csv, '--save-plan', plan).exitCode == 4
        Files.writeString(plan, Files.readString(plan).replace('"bnew"', '"other"'))

        when:
        def run = cnsh.run(CREATE, '--apply-plan', plan)

        then:
        run.exitCode == 1
        run.errLines[0].contains("does not match its input new.csv: row 2: the plan creates username 'other', the input 'bnew'")
        cnsh.requests('agents/create').isEmpty()
    }

    def "a saved row whose agent is not the one its username names now is a conflict, never a write to either agent"() {
        given: 'a plan keyed by username, then its agentid pointed at another agent whose values match the plan'
        def csv = cnsh.file('changes.csv', 'username,moh\ngokafor,jazz\nmbell,jazz\n')
        def plan = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, csv, '--save-plan', plan).exitCode == 4
        def mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        Map json = mapper.readValue(plan.toFile(), Map)
        json.rows[0].agentid = '550000'
        mapper.writeValue(plan.toFile(), json)
        String pramanMoh = cnsh.agent(username: 'praman').moh

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 3
        run.outLines.contains('? row 2: agent 550003 gokafor (Grace Okafor): the row names agent 550003 now, the plan was made for agent 550000; skipped')
        cnsh.agent(username: 'praman').moh == pramanMoh
        cnsh.agent(username: 'gokafor').moh != 'jazz'
        cnsh.agent(username: 'mbell').moh == 'jazz'
    }

    def "a create plan saved and applied creates its agents; applied again, it skips them as conflicts"() {
        given:
        def csv = cnsh.file('new.csv', 'username,name,pin\nbnew,Bob New,583920\n')
        def plan = cnsh.home.resolve('create.json')
        assert cnsh.run(CREATE, csv, '--save-plan', plan).exitCode == 4
        assert !Files.readString(plan).contains('583920')

        when:
        def first = cnsh.run(CREATE, '--apply-plan', plan)
        def second = cnsh.run(CREATE, '--apply-plan', plan)

        then:
        first.exitCode == 0
        cnsh.agent(username: 'bnew').pin == '583920'
        second.exitCode == 3
        second.outLines[0] == "? row 2: agent ${cnsh.agent(username: 'bnew').get('agentid')} bnew (Bob New): username 'bnew' exists now; skipped".toString()
        cnsh.agentsWhere(username: 'bnew').size() == 1
    }

    def "a revert's plan can be saved and applied later, its CSV kept in the runs directory"() {
        given:
        def csv = changes()
        def applied = cnsh.run(UPDATE, csv, '--apply')
        def id = RevertScriptSpec.runId(applied)
        def plan = cnsh.home.resolve('revert.json')

        when:
        def save = cnsh.run(UPDATE, '--revert', id, '--save-plan', plan)
        def json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(plan.toFile(), Map)

        then:
        save.exitCode == 4
        json.input.startsWith(cnsh.runs.toString())
        OwnerOnlyFiles.isPrivate(java.nio.file.Path.of(json.input))

        when:
        def run = cnsh.run(UPDATE, '--apply-plan', plan)

        then:
        run.exitCode == 0
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'
        cnsh.agent(username: 'mbell').userfield == 'Renewals'
    }
}
