package io.cnsh.sandbox;

/**
 * An answer of {@code success:false}, raised anywhere while a request is handled and rendered as
 * the API's failure envelope. Carries no stack trace: it is an expected outcome, not a fault.
 */
final class ApiFailure extends RuntimeException {

    private final Long expire;

    ApiFailure(String error) {
        this(error, null);
    }

    ApiFailure(String error, Long expire) {
        super(error, null, false, false);
        this.expire = expire;
    }

    static ApiFailure badArgument(String argument) {
        return new ApiFailure("Bad argument: " + argument);
    }

    String error() {
        return getMessage();
    }

    /** The {@code expire} key of the answer, {@code -1} for an expired token, or {@code null}. */
    Long expire() {
        return expire;
    }
}
