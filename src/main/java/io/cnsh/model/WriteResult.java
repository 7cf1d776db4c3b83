package io.cnsh.model;

/**
 * The answer to a create or update: how many records were written and how many failed.
 *
 * @param success   the API's success flag; a batch with failed records can still be a success
 * @param accountId the account that ran the call, as the API sends it (text), or {@code null}
 * @param total     records written
 * @param bad       records that failed
 * @param key       the new agent id on create ({@code 0} on update)
 * @param error     the API's description of a fault, or {@code null}
 */
public record WriteResult(boolean success, String accountId, long total, long bad, long key, String error) {

    /** True when the call succeeded and no record failed. */
    public boolean clean() {
        return success && bad == 0;
    }
}
