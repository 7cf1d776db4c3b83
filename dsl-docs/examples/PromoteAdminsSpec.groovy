import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** The spec of promote-admins.groovy, run with `cnsh test dsl-docs/examples`. */
class PromoteAdminsSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def "without --apply the recipe shows who would change and changes nothing"() {
        when:
        def run = cnsh.run('promote-admins.groovy', 'gokafor')

        then:
        run.exitCode == 4
        run.out.contains('~ gokafor (Grace Okafor): auth_level supervisor -> admin')
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'
        cnsh.requests('agents/update').isEmpty()
    }

    def "with --apply the named agents get admin rights"() {
        when:
        def run = cnsh.run('promote-admins.groovy', 'gokafor', 'mbell', '--apply')

        then:
        run.exitCode == 0
        run.out.contains('promoted 2 agent(s)')
        ['gokafor', 'mbell'].every { name ->
            def a = cnsh.agent(username: name)
            a.auth_level == 'admin' && a.auth_admin == 'Y' && a.auth_supervisor == 'Y'
        }
    }

    def "an admin already is left alone"() {
        when:
        def run = cnsh.run('promote-admins.groovy', 'praman', '--apply')

        then:
        run.exitCode == 0
        run.out.contains('= praman is an admin already')
        cnsh.requests('agents/update').isEmpty()
    }

    def "a username held by two agents stops the recipe before anything is sent"() {
        when:
        def run = cnsh.run('promote-admins.groovy', 'gokafor', 'jsmith', '--apply')

        then:
        run.exitCode == 1
        run.err.contains("'jsmith' matches 2 agents")
        cnsh.requests('agents/update').isEmpty()
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'
    }
}
