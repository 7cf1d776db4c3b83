package io.cnsh.dsl

import groovy.transform.PackageScope
import io.cnsh.model.Agent
import io.cnsh.report.Table

/**
 * How a value is shown to a person at the end of {@code cnsh -e} or a REPL line: an
 * {@link AgentList} (or any list of agents) as a table with its count, an {@link Agent} as a
 * one-row table, a write as one sentence, anything else as its text, and {@code null} as nothing.
 */
final class Show {

    private Show() {
    }

    /** The lines that show the value, fitted to {@code width} (0: no limit); secrets masked unless revealed. */
    static List<String> lines(Object value, int width, boolean reveal, List<String> columns = Table.DEFAULT_COLUMNS) {
        if (value == null) {
            return []
        }
        if (value instanceof AgentList) {
            AgentList list = (AgentList) value
            return table(list, list.total, width, reveal, columns)
        }
        if (value instanceof List && !((List) value).isEmpty() && ((List) value).every { it instanceof Agent }) {
            List<Agent> list = (List<Agent>) value
            return table(list, list.size(), width, reveal, columns)
        }
        if (value instanceof Agent) {
            Agent a = (Agent) value
            return Table.of(a.fields().keySet() as List<String>, width, reveal).render([a])
        }
        value.toString().readLines()
    }

    /** {@code 1 agent}, {@code 40 agents}, or {@code 5 of 40 agents} when a read was cut short. */
    @PackageScope
    static String count(int size, long total) {
        size == total ? "${size} agent${size == 1 ? '' : 's'}".toString() : "${size} of ${total} agents".toString()
    }

    private static List<String> table(List<Agent> agents, long total, int width, boolean reveal, List<String> columns) {
        List<String> out = Table.of(columns, width, reveal).render(agents)
        out << count(agents.size(), total)
        out
    }
}
