package io.cnsh.bulk;

/**
 * How one CSV row of a run ended.
 *
 * @param row     the row number (header = 1)
 * @param status  what happened
 * @param agentid the agent's id (the new one for a create), or {@code null} when unknown
 * @param error   why it failed, or a note; {@code null} when there is nothing to say
 */
public record RowResult(int row, RowStatus status, String agentid, String error) {
}
