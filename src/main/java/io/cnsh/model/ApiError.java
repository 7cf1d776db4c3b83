package io.cnsh.model;

/**
 * The API's failure envelope: {@code {"success":false,"error":"…"}}, with {@code expire} set to
 * {@code -1} on an expired token.
 */
public record ApiError(String error, Long expire) {

    /** True for the answers that a fresh token repairs: expired or unknown token, or expire -1. */
    public boolean tokenNeedsRenewal() {
        return "Expired token".equals(error) || "Unknown token".equals(error)
                || (expire != null && expire == -1L);
    }
}
