package io.cnsh.bulk;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.model.ContactNowException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds out from the live agents what became of a create whose answer was lost or refused, before
 * anything is sent again: the username is looked up, and only a create that is not there may be
 * resent (up to the run's limit of lost answers). A create that is there counts as created, with
 * its agentid when exactly one live agent holds the username.
 *
 * <p>A resume does the same through a plan made again against the live agents.
 */
final class CreateReconciler {

    /** What the live agents say about one create, and what to do with its row. */
    sealed interface Outcome permits Created, SendAgain, Failed {
    }

    /**
     * The agent exists: its agentid, or none and a note naming the agentids when several live agents
     * hold the username.
     */
    record Created(String agentid, String note) implements Outcome {
    }

    /** The agent does not exist, so the create never happened and sending it again is safe. */
    record SendAgain(int lost) implements Outcome {
    }

    /** The create is not sent again: the error its row ends with. */
    record Failed(String error) implements Outcome {
    }

    private final ContactNow client;
    private final int maxCreateAttempts;

    CreateReconciler(ContactNow client, int maxCreateAttempts) {
        this.client = client;
        this.maxCreateAttempts = maxCreateAttempts;
    }

    /**
     * After a create whose answer was lost, {@code lost} times before this one: created if the
     * username is there; sent again if not, unless the answer has now been lost as often as the run
     * allows. A failed lookup is thrown, and the row is left as it is (a resume checks it again).
     */
    Outcome afterLostAnswer(PlannedRow row, int lost) {
        List<Agent> found = lookup(row.username());
        if (!found.isEmpty()) {
            return created(found);
        }
        if (lost + 1 >= maxCreateAttempts) {
            return new Failed("the answer to its create was lost " + (lost + 1)
                    + " times and the agent does not exist; it was not sent again");
        }
        return new SendAgain(lost + 1);
    }

    /** After the API refused a create: created if the username is there after all, otherwise failed with the refusal. */
    Outcome afterRefusal(PlannedRow row, String error) {
        try {
            List<Agent> found = lookup(row.username());
            return found.isEmpty() ? new Failed(error) : created(found);
        } catch (ContactNowException e) {
            return new Failed(error);
        }
    }

    /**
     * The agentids of created rows that have none yet, with one read of all agents: the rows whose
     * username is there, by row number. Empty when the read fails (the rows stay created, without an
     * agentid).
     */
    Map<Integer, Created> agentids(List<PlannedRow> rows) {
        Map<Integer, Created> out = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        Map<String, List<Agent>> byUsername = new HashMap<>();
        try {
            client.agents().readAll(AgentQuery.all()).filter(a -> !a.isDeleted() && a.username() != null)
                    .forEach(a -> byUsername.computeIfAbsent(a.username(), u -> new ArrayList<>()).add(a));
        } catch (ContactNowException e) {
            return out;
        }
        for (PlannedRow r : rows) {
            List<Agent> found = byUsername.getOrDefault(r.username(), List.of());
            if (!found.isEmpty()) {
                out.put(r.row(), created(found));
            }
        }
        return out;
    }

    private static Created created(List<Agent> found) {
        if (found.size() == 1) {
            return new Created(found.get(0).get("agentid"), null);
        }
        return new Created(null, found.size() + " agents hold this username now ("
                + found.stream().map(a -> a.get("agentid")).collect(Collectors.joining(", ")) + ")");
    }

    /** The live agents (not deleted) with exactly this username. */
    private List<Agent> lookup(String username) {
        return client.agents().read(AgentQuery.where("username", username)).agents().stream()
                .filter(a -> username.equals(a.username()) && !a.isDeleted()).toList();
    }
}
