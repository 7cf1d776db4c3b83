// A 50-line report script, the size `cnsh run` is timed with (first run, then from the script cache).
// It reads the agents once and summarises them with closures, a class and string formatting.
import groovy.transform.Canonical

@Canonical
class LevelCount {
    String level
    int count
    int withReports

    String line(int width) {
        "${level.padRight(width)}  ${String.valueOf(count).padLeft(5)}  ${String.valueOf(withReports).padLeft(7)}"
    }
}

def limit = args ? args[0] as int : 100
def all = agents < read limit: limit >
def byLevel = all.groupBy { it.auth_level ?: 'none' }
def counts = byLevel.collect { level, list ->
    new LevelCount(level, list.size(), list.count { it.auth_reports == 'Y' })
}.sort { a, b -> b.count <=> a.count ?: a.level <=> b.level }

int width = counts*.level*.length().max() ?: 5
println "${'level'.padRight(width)}  count  reports"
counts.each { println it.line(width) }
println '-' * (width + 16)

def campaigns = all.collect { it.selfserve_id }.findAll().unique().sort()
println "campaigns: ${campaigns.size()} (${campaigns.take(3).join(', ')}${campaigns.size() > 3 ? ', …' : ''})"

def initials = all.collectEntries { a ->
    def parts = (a.name ?: '').tokenize()
    [(a.username): parts.collect { it[0] }.join()]
}
def shared = initials.groupBy { it.value }.findAll { it.value.size() > 1 }
println "shared initials: ${shared.size()}"

def longest = all.max { (it.name ?: '').length() }
if (longest) {
    println "longest name: ${longest.name} (${longest.name.length()} characters)"
}

def pinless = all.findAll { !it.pin }
String verdict = switch (pinless.size()) {
    case 0 -> 'every agent has a pin'
    case 1 -> 'one agent has no pin'
    default -> "${pinless.size()} agents have no pin"
}
println verdict
println "total: ${counts.sum { it.count } ?: 0} agents"
