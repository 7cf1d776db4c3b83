package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * What a revert needs to know of a run: the account it was made for and, for each row it applied,
 * the agent and the before- and after-values of the fields it set. A bulk run's journal is one
 * source ({@link JournalRevertSource}), a code run's another ({@link CodeJournalRevertSource});
 * {@link #open(Run)} picks the one that reads a run.
 */
public interface RevertSource {

    /** The source that reads {@code run}, chosen by the kind its start event names. */
    static RevertSource open(Run run) {
        List<JsonNode> events = Journal.read(run.journal());
        String kind = events.isEmpty() ? "" : events.get(0).path("kind").asText("");
        return CodeJournal.KIND.equals(kind) ? new CodeJournalRevertSource(run, events) : new JournalRevertSource(run);
    }

    /** The run's id. */
    String runId();

    /** The base URL the run was made against, or {@code null} when its record does not say. */
    String target();

    /** The API user the run was made as, or {@code null} when its record does not say. */
    String username();

    /** The rows the run applied, in the order it planned them. */
    List<Applied> applied();

    /** What the run may have done that a revert cannot see or take back, one line each (none by default). */
    default List<String> notes() {
        return List.of();
    }

    /**
     * One applied row.
     *
     * @param agentid  the agent changed or created, or {@code null} when a create's answer did not say
     * @param username the agent's username, to find a created agent whose agentid is not known
     * @param created  true when the run created the agent
     * @param changes  each field set, old to new (secret values are masked and never restored)
     * @param unknown  fields the run set whose value before it is not known: they cannot be taken back
     */
    record Applied(Long agentid, String username, boolean created, List<FieldChange> changes, Set<String> unknown) {

        /** A row whose before-values are all known. */
        public Applied(Long agentid, String username, boolean created, List<FieldChange> changes) {
            this(agentid, username, created, changes, Set.of());
        }
    }
}
