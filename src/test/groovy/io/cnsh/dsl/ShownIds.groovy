package io.cnsh.dsl

import java.util.regex.Pattern

/**
 * The run ids a dsl-docs page shows, bound to the ids cnsh printed in their place (the convention of
 * dsl-docs/README.md, "How the examples are checked"). A shown id matches any printed id of the same
 * kind; its first match binds it for the rest of the session, after which it matches only that id and
 * later commands name that id instead. Two shown ids never bind the same printed one. Everything
 * else in the output compares exactly.
 */
class ShownIds {

    static final Pattern ID = ~/\b(update|create|code)-\d{8}-\d{6}-[0-9a-f]{4}\b/

    private final Map<String, String> bound = [:]

    /** Whether printed is what shown shows; binds the ids shown here for the first time when it is. */
    boolean matches(String shown, String printed) {
        StringBuilder regex = new StringBuilder()
        List<String> fresh = []
        def m = ID.matcher(shown)
        int at = 0
        while (m.find()) {
            regex << Pattern.quote(shown.substring(at, m.start()))
            String id = m.group()
            if (bound.containsKey(id)) {
                regex << Pattern.quote(bound[id])
            } else if (id in fresh) {
                regex << "\\k<id${fresh.indexOf(id)}>"
            } else {
                regex << "(?<id${fresh.size()}>${m.group(1)}-\\d{8}-\\d{6}-[0-9a-f]{4})"
                fresh << id
            }
            at = m.end()
        }
        regex << Pattern.quote(shown.substring(at))
        def printedMatch = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(printed)
        if (!printedMatch.matches()) {
            return false
        }
        Map<String, String> now = fresh.withIndex().collectEntries { String id, int i -> [id, printedMatch.group("id${i}")] }
        if (now.values().any { it in bound.values() } || (now.values() as Set).size() < now.size()) {
            return false
        }
        bound.putAll(now)
        true
    }

    /** The command with each bound id replaced by the id cnsh printed for it. */
    String command(String shown) {
        shown.replaceAll(ID) { List<String> found -> bound[found[0]] ?: found[0] }
    }
}
