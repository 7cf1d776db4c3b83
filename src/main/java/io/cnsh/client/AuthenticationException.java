package io.cnsh.client;

/** {@code token.php} refused the API username and password ("Authentication failure"). Never retried. */
public class AuthenticationException extends ApiException {

    AuthenticationException(String operation, String apiError, String message) {
        super(operation, apiError, message);
    }
}
