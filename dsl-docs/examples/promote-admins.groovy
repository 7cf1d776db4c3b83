#!/usr/bin/env cnsh
// promote-admins.groovy: give admin rights to the agents named on the command line.
//
//   cnsh run promote-admins.groovy gokafor mbell            # show who would change (exit 4), change nothing
//   cnsh run promote-admins.groovy gokafor mbell --apply    # change them
import picocli.CommandLine.Command
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters

@Command(name = 'promote-admins.groovy', description = 'Give admin rights to agents, by username.')
class Options {
    @Parameters(paramLabel = 'USERNAME', arity = '1..*', description = 'The agents to promote.')
    List<String> usernames

    @Option(names = '--apply', description = 'Change them (default: only show who would change).')
    boolean apply

    @Option(names = ['-h', '--help'], usageHelp = true, description = 'Show this help.')
    boolean help
}

def opts = parseArgs(new Options())
def admin = [auth_level: 'admin', auth_admin: 'Y', auth_supervisor: 'Y']

// look every name up first, so that one bad name stops the recipe before anything is changed
def toPromote = []
for (String username : opts.usernames) {
    def found = agents < read username: username, filter: '!= 999' >
    if (found.size() != 1) {
        err.println "promote-admins.groovy: '${username}' matches ${found.size()} agents; name each agent by a unique username"
        exit 1
    }
    def agent = found[0]
    if (admin.every { field, value -> agent.get(field) == value }) {
        out.println "= ${username} is an admin already"
    } else {
        out.println "~ ${username} (${agent.name}): auth_level ${agent.auth_level} -> admin"
        toPromote << agent
    }
}

if (!toPromote) {
    exit 0
}
if (!opts.apply) {
    out.println "${toPromote.size()} agent(s) would change; run again with --apply"
    exit 4
}
for (agent in toPromote) {
    agents < update agentid: agent.agentid, auth_level: 'admin', auth_admin: 'Y', auth_supervisor: 'Y' >
}
out.println "promoted ${toPromote.size()} agent(s)"
