package io.cnsh.wire;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Every response of {@code token.php} and {@code database.php}: one envelope whose keys are present
 * or not depending on the call ({@code <result>} in XML). Absent keys are {@code null} and are not
 * written. Element order follows the documented samples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "account_id", "token", "total", "bad", "key", "error", "expire", "info", "list"})
@JacksonXmlRootElement(localName = "result")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Envelope {

    @JsonProperty("success")
    private Boolean success;
    @JsonProperty("account_id")
    private String accountId;
    @JsonProperty("token")
    private String token;
    @JsonProperty("total")
    private Long total;
    @JsonProperty("bad")
    private Long bad;
    @JsonProperty("key")
    private Long key;
    @JsonProperty("error")
    private String error;
    @JsonProperty("expire")
    private Long expire;
    @JsonProperty("info")
    private String info;
    @JsonProperty("list")
    // <list/> (an empty read in XML) and "list":null read as an empty list, not as "no list"
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JacksonXmlElementWrapper(localName = "list")
    @JacksonXmlProperty(localName = "agent")
    private List<Agent> list;

    /** For Jackson only: fields are bound directly, so the XML list wrapper binds as documented. */
    private Envelope() {
    }

    /** An envelope with every key given; {@code null} means the key is absent. */
    public Envelope(Boolean success, String accountId, String token, Long total, Long bad, Long key,
                    String error, Long expire, String info, List<Agent> list) {
        this.success = success;
        this.accountId = accountId;
        this.token = token;
        this.total = total;
        this.bad = bad;
        this.key = key;
        this.error = error;
        this.expire = expire;
        this.info = info;
        this.list = list == null ? null : List.copyOf(list);
    }

    public Boolean success() { return success; }
    public String accountId() { return accountId; }
    public String token() { return token; }
    public Long total() { return total; }
    public Long bad() { return bad; }
    public Long key() { return key; }
    public String error() { return error; }
    public Long expire() { return expire; }
    public String info() { return info; }
    /** The records of a read, or {@code null} when the answer has no list. */
    public List<Agent> list() { return list == null ? null : Collections.unmodifiableList(list); }

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
    public boolean equals(Object o) {
        return o instanceof Envelope e && Objects.equals(success, e.success)
                && Objects.equals(accountId, e.accountId) && Objects.equals(token, e.token)
                && Objects.equals(total, e.total) && Objects.equals(bad, e.bad) && Objects.equals(key, e.key)
                && Objects.equals(error, e.error) && Objects.equals(expire, e.expire)
                && Objects.equals(info, e.info) && Objects.equals(list, e.list);
    }

    @Override
    public int hashCode() {
        return Objects.hash(success, accountId, token, total, bad, key, error, expire, info, list);
    }

    @Override
    public String toString() {
        return "Envelope[success=" + success + ", account_id=" + accountId
                + (token == null ? "" : ", token=" + Secrets.MASK)
                + ", total=" + total + ", bad=" + bad + ", key=" + key + ", error=" + error
                + ", expire=" + expire + (list == null ? "" : ", list=" + list.size() + " agents") + "]";
    }
}
