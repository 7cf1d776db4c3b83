package io.cnsh.sandbox;

import io.cnsh.model.StatementFilter;
import java.util.Map;

/**
 * What a read asks for: equality tests on fields, an optional statement on {@code filter}, the
 * sort field and the page.
 *
 * @param equals     field name to the exact value it must have
 * @param statement  the statement filter on the {@code filter} field, or {@code null}
 * @param sort       the field to sort by ({@code agentid} when none was given)
 * @param descending sort direction
 * @param start      records to skip
 * @param limit      most records to return, or {@code null} for all
 */
record AgentQuery(Map<String, String> equals, StatementFilter statement, String sort, boolean descending,
                  long start, Long limit) {

    AgentQuery {
        equals = Map.copyOf(equals);
    }
}
