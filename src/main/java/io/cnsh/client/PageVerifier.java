package io.cnsh.client;

import io.cnsh.model.Agent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, page by page, that the answers to one read add up before anyone uses them: no page holds
 * more agents than its {@code limit}, every agent has an agentid and none comes twice, the match
 * count ({@code total}) stays the same from page to page, and the pages bring exactly the agents it
 * leaves from the query's {@code start} (capped by the query's {@code limit}). A server that ignores
 * {@code start} repeats its first page; one that loses rows sends short pages; both are stopped here.
 */
final class PageVerifier {

    private static final String OPERATION = "agents#read: ";
    private static final String NOTHING_DONE = "; nothing was done with this read";

    private final long first;
    private final Integer cap;
    private final boolean paging;
    private final Set<Long> seen = new HashSet<>();
    private long total = -1;
    private long received;

    private PageVerifier(AgentQuery query, boolean paging) {
        this.first = query.start() == null ? 0 : query.start();
        // limit 0 reads as "no limit" on the wire
        this.cap = query.limit() == null || query.limit() == 0 ? null : query.limit();
        this.paging = paging;
    }

    /** A verifier for the pages of {@link AgentsClient#readAll}, which needs the server's {@code total} to stop. */
    static PageVerifier paging(AgentQuery query) {
        return new PageVerifier(query, true);
    }

    /** Checks the one page a {@link AgentsClient#read} returns: its limit, its agentids and, when sent, its total. */
    static void single(AgentQuery query, Long reportedTotal, List<Agent> agents) {
        PageVerifier v = new PageVerifier(query, false);
        v.accept(v.first, v.cap == null ? Integer.MAX_VALUE : v.cap, reportedTotal, agents);
    }

    /** True once every agent due has arrived (or the query's limit is 0 agents away). */
    boolean complete() {
        return cap != null && received >= cap || total >= 0 && received >= expected();
    }

    /** Where the next page starts. */
    int nextStart() {
        return Math.toIntExact(first + received);
    }

    /** How many agents the next page asks for. */
    int nextSize(int pageSize) {
        return cap == null ? pageSize : (int) Math.min(pageSize, cap - received);
    }

    /**
     * Checks the page asked for at {@code start} with {@code limit}, answered with {@code agents}
     * and {@code reportedTotal} (null when the answer had none).
     *
     * @throws InconsistentReadException naming what the server did
     */
    void accept(long start, int limit, Long reportedTotal, List<Agent> agents) {
        int n = agents.size();
        if (n > limit) {
            throw fail(start, "the server sent " + n + " agents at start=" + start + " where limit=" + limit
                    + " was asked: it may be ignoring 'limit'");
        }
        checkAgentids(start, agents);
        if (reportedTotal == null) {
            if (!paging) {
                return;
            }
            if (received > 0 || n == limit) {
                throw fail(start, "the server's page at start=" + start + " has no total, so whether agents are"
                        + " missing cannot be told");
            }
            reportedTotal = first + n;
        }
        if (total >= 0 && reportedTotal != total) {
            throw fail(start, "the match count changed from " + total + " to " + reportedTotal + " at start=" + start
                    + " (agents were created or changed meanwhile, or the server miscounts); read again");
        }
        total = reportedTotal;
        long due = Math.min(limit, expected() - received);
        received += n;
        if (received > expected()) {
            throw fail(start, "the server sent " + received + " agents from start=" + first + " but its total of "
                    + total + " leaves " + expected() + (cap == null ? "" : " (limit " + cap + ")"));
        }
        if (n < due) {
            throw fail(start, "the server sent " + n + " agents at start=" + start + " where " + due
                    + " were due (it reported " + total + " matches): it may be dropping rows");
        }
    }

    private void checkAgentids(long start, List<Agent> agents) {
        int repeated = 0;
        Long example = null;
        for (int i = 0; i < agents.size(); i++) {
            Long id = agents.get(i).agentid();
            if (id == null) {
                throw fail(start, "the server sent an agent without an agentid (row " + (i + 1) + " of the page at"
                        + " start=" + start + "), so repeated or missing agents cannot be told");
            }
            if (!seen.add(id)) {
                repeated++;
                example = example == null ? id : example;
            }
        }
        if (repeated > 0 && received == 0) {
            throw fail(start, "the server sent " + repeated + " agentid(s) twice in the page at start=" + start
                    + " (" + example + " first)");
        }
        if (repeated > 0) {
            throw fail(start, "the server repeated " + repeated + " agentid(s) already read (" + example + " first) at"
                    + " start=" + start + ": it may be ignoring 'start'");
        }
    }

    /** The agents due from {@code first}: what the total leaves, capped by the query's limit. */
    private long expected() {
        long left = Math.max(0, total - first);
        return cap == null ? left : Math.min(cap, left);
    }

    private static InconsistentReadException fail(long start, String what) {
        return new InconsistentReadException(start, OPERATION + what + NOTHING_DONE);
    }
}
