package io.cnsh.client;

/**
 * The API refused the token in a way a fresh token does not repair, typically "Invalid token":
 * the token is bound to another internet address.
 */
public class TokenRejectedException extends ApiException {

    TokenRejectedException(String operation, String apiError, String message) {
        super(operation, apiError, message);
    }
}
