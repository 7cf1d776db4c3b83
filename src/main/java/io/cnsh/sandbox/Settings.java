package io.cnsh.sandbox;

import io.cnsh.wire.Format;
import java.time.Clock;
import java.time.Duration;

/**
 * How a sandbox answers where the API's sources are silent or disagree; fixed when it is built.
 *
 * @param accountId          the {@code account_id} of write answers
 * @param apiUser            the API username {@code token.php} accepts
 * @param apiPassword        its password
 * @param clock              the clock of token expiry and of log entries
 * @param trustAddressHeader whether the caller-address header may stand in for the caller's address
 * @param defaultFormat      the format of {@code database.php} when none is given
 * @param tokenTtl           how long a new token is good for
 * @param deleteEnabled      whether {@code action=delete} (soft, {@code filter} 999) is served
 * @param unknownTokenError  the answer to a missing or unknown token on {@code database.php}
 * @param errorStatus        the HTTP status of {@code success:false} answers
 * @param acceptBareObject   whether a JSON payload may be one object instead of an array
 * @param htmlContentType    whether answers are labelled {@code text/html}, as a plain PHP server does
 * @param maxBodyBytes       the largest request body read
 * @param maxRecordsPerWrite the most records one create, update or delete may carry
 */
record Settings(String accountId, String apiUser, String apiPassword, Clock clock, boolean trustAddressHeader,
                Format defaultFormat, Duration tokenTtl, boolean deleteEnabled, String unknownTokenError,
                int errorStatus, boolean acceptBareObject, boolean htmlContentType, int maxBodyBytes,
                int maxRecordsPerWrite) {

    @Override
    public String toString() {
        return "Settings[accountId=" + accountId + ", apiUser=" + apiUser + ", apiPassword=****]";
    }
}
