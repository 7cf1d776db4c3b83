package io.cnsh.model;

import java.util.List;

/**
 * One page of a read: the agents returned and the number that matched.
 *
 * @param total  every record that matched the filters, regardless of {@code limit} and {@code start}
 * @param agents the records on this page, in the order sent
 */
public record AgentPage(long total, List<Agent> agents) {

    public AgentPage {
        agents = List.copyOf(agents);
    }
}
