package io.cnsh.dsl

import io.cnsh.model.Agent
import io.cnsh.report.Table

/**
 * How a value is shown to a person at the end of {@code cnsh -e} or a REPL line: an
 * {@link AgentList} as a table with its count, an {@link Agent} as a one-row table, a write as one
 * sentence, anything else as its text, and {@code null} as nothing.
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
            List<String> out = Table.of(columns, width, reveal).render(list)
            out << (list.size() == list.total ? "${list.size()} agent${list.size() == 1 ? '' : 's'}"
                    : "${list.size()} of ${list.total} agents").toString()
            return out
        }
        if (value instanceof Agent) {
            Agent a = (Agent) value
            return Table.of(a.fields().keySet() as List<String>, width, reveal).render([a])
        }
        value.toString().readLines()
    }
}
