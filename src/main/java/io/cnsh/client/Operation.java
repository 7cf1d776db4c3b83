package io.cnsh.client;

import feign.Param;
import feign.RequestTemplate;
import java.util.Collection;

/**
 * The API operations cnsh sends, each named by the {@code action} it carries (unique across
 * {@code token.php} and {@code database.php}), with what every request of it needs and how it may be
 * repeated. The request interceptor, the decoder and the retryer learn the operation of a request
 * from its template, so no operation is recognised by comparing names.
 */
public enum Operation {

    TOKEN_GET("token#get", "get"),
    TOKEN_VALIDATE("token#validate", "validate"),
    AGENTS_READ("agents#read", "read"),
    AGENTS_CREATE("agents#create", "create"),
    AGENTS_UPDATE("agents#update", "update");

    private final String label;
    private final String action;

    Operation(String label, String action) {
        this.label = label;
        this.action = action;
    }

    /** The key exceptions and messages name the operation by, e.g. {@code agents#read}. */
    String label() {
        return label;
    }

    /** A {@code database.php} call: it carries the token and the campaign, and an expired token is renewed. */
    boolean onDatabase() {
        return this == AGENTS_READ || this == AGENTS_CREATE || this == AGENTS_UPDATE;
    }

    /** Every call but the token request itself sends the token. */
    boolean sendsToken() {
        return this != TOKEN_GET;
    }

    /** A create or update: the payload is the body, in the codec's content type. */
    boolean writes() {
        return this == AGENTS_CREATE || this == AGENTS_UPDATE;
    }

    /** A create is not idempotent: once it may have reached the server it is never sent again. */
    boolean idempotent() {
        return this != AGENTS_CREATE;
    }

    /** {@code token.php?action=validate} answers as it is, valid or not: the answer is the point. */
    boolean answersAsItIs() {
        return this == TOKEN_VALIDATE;
    }

    /** The operation of a request, by its {@code action} parameter. */
    static Operation of(RequestTemplate template) {
        Collection<String> actions = template.queries().get("action");
        String action = actions == null || actions.isEmpty() ? null : actions.iterator().next();
        for (Operation op : values()) {
            if (op.action.equals(action)) {
                return op;
            }
        }
        throw new IllegalStateException("a request of no known operation (action " + action + ")");
    }

    /** Writes an operation into a request line as its {@code action}. */
    public static final class Action implements Param.Expander {
        @Override
        public String expand(Object value) {
            return ((Operation) value).action;
        }
    }
}
