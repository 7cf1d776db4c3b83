package io.cnsh.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.cnsh.model.Agent;
import io.cnsh.model.AgentPage;
import io.cnsh.model.ApiError;
import io.cnsh.model.Secrets;
import io.cnsh.model.TokenGrant;
import io.cnsh.model.WriteResult;
import java.time.Instant;
import java.util.List;

/**
 * Every response of {@code token.php} and {@code database.php}: one envelope whose keys are present
 * or not depending on the call ({@code <result>} in XML). Absent keys are {@code null} and are not
 * written. Element order follows the documented samples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "account_id", "token", "total", "bad", "key", "error", "expire", "info", "list"})
@JacksonXmlRootElement(localName = "result")
public record Envelope(
        @JsonProperty("success") Boolean success,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("token") String token,
        @JsonProperty("total") Long total,
        @JsonProperty("bad") Long bad,
        @JsonProperty("key") Long key,
        @JsonProperty("error") String error,
        @JsonProperty("expire") Long expire,
        @JsonProperty("info") String info,
        @JsonProperty("list")
        @JacksonXmlElementWrapper(localName = "list")
        @JacksonXmlProperty(localName = "agent")
        List<Agent> list) {

    /** A write answer: {@code success, account_id, total, bad, key} and {@code error} when set. */
    public static Envelope write(String accountId, long total, long bad, long key, String error) {
        return new Envelope(true, accountId, null, total, bad, key, error, null, null, null);
    }

    /** A read answer: {@code success, total, list}. */
    public static Envelope read(long total, List<Agent> agents) {
        return new Envelope(true, null, null, total, null, null, null, null, null, List.copyOf(agents));
    }

    /** A failure: {@code success:false} and the error text. */
    public static Envelope failure(String error) {
        return new Envelope(false, null, null, null, null, null, error, null, null, null);
    }

    /** A failure with an {@code expire} value, as for an expired token ({@code -1}). */
    public static Envelope failure(String error, long expire) {
        return new Envelope(false, null, null, null, null, null, error, expire, null, null);
    }

    /** A token grant: {@code success, token, expire}. */
    public static Envelope token(String token, long expire) {
        return new Envelope(true, null, token, null, null, null, null, expire, null, null);
    }

    /** A token validation: {@code success, expire}. */
    public static Envelope validated(long expire) {
        return new Envelope(true, null, null, null, null, null, null, expire, null, null);
    }

    /** True unless the API said {@code success:false}. */
    @JsonIgnore
    public boolean isSuccess() {
        return Boolean.TRUE.equals(success);
    }

    /** The failure as a value, for a response whose success flag is false. */
    public ApiError toApiError() {
        return new ApiError(error, expire);
    }

    public WriteResult toWriteResult() {
        return new WriteResult(isSuccess(), accountId, orZero(total), orZero(bad), orZero(key), error);
    }

    /** The read page; a missing or empty {@code list} is an empty page. */
    public AgentPage toAgentPage() {
        List<Agent> agents = list == null ? List.of() : list;
        return new AgentPage(total == null ? agents.size() : total, agents);
    }

    /**
     * The token grant of a successful {@code token.php?action=get}.
     *
     * @throws WireFormatException when the envelope lacks the token or its expiry
     */
    public TokenGrant toTokenGrant() {
        if (token == null || expire == null) {
            throw new WireFormatException(null, "token response lacks " + (token == null ? "token" : "expire"));
        }
        return new TokenGrant(token, Instant.ofEpochSecond(expire));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    @Override
    public String toString() {
        return "Envelope[success=" + success + ", account_id=" + accountId
                + (token == null ? "" : ", token=" + Secrets.MASK)
                + ", total=" + total + ", bad=" + bad + ", key=" + key + ", error=" + error
                + ", expire=" + expire + (list == null ? "" : ", list=" + list.size() + " agents") + "]";
    }
}
