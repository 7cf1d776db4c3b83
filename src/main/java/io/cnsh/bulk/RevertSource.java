package io.cnsh.bulk;

import java.util.List;

/**
 * What a revert needs to know of a run: the account it was made for and, for each row it applied,
 * the agent and the before- and after-values of the fields it set. A bulk run's journal is one
 * source ({@link JournalRevertSource}); runs of other kinds plug in by implementing this.
 */
public interface RevertSource {

    /** The run's id. */
    String runId();

    /** The base URL the run was made against, or {@code null} when its record does not say. */
    String target();

    /** The API user the run was made as, or {@code null} when its record does not say. */
    String username();

    /** The rows the run applied, in the order it planned them. */
    List<Applied> applied();

    /**
     * One applied row.
     *
     * @param agentid  the agent changed or created, or {@code null} when a create's answer did not say
     * @param username the agent's username, to find a created agent whose agentid is not known
     * @param created  true when the run created the agent
     * @param changes  each field set, old to new (secret values are masked and never restored)
     */
    record Applied(Long agentid, String username, boolean created, List<FieldChange> changes) {
    }
}
