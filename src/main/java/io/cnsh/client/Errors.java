package io.cnsh.client;

import io.cnsh.model.ApiError;

/** Builds the typed exception for an API failure, with a message a person can act on. */
final class Errors {

    private Errors() {
    }

    static ApiException fromApi(String operation, ApiError error, Redactor redactor) {
        String text = error.error() == null ? "no error text" : redactor.redact(error.error());
        if (operation.equals("token#get") && "Authentication failure".equals(error.error())) {
            return new AuthenticationException(operation, text, operation + ": the API username or password was"
                    + " refused (\"Authentication failure\"); check the credentials issued by 8x8 support");
        }
        if ("Invalid token".equals(error.error())) {
            return new TokenRejectedException(operation, text, operation + ": the token was refused (\"Invalid"
                    + " token\"): a token only works from the internet address that requested it, unless it was"
                    + " requested with an address list; if this machine's address changed or the token is shared,"
                    + " request it with --address (up to 10 addresses, comma-separated)");
        }
        if (error.tokenNeedsRenewal()) {
            return new TokenRejectedException(operation, text, operation + ": the token was refused again after"
                    + " a fresh one was fetched (\"" + text + "\")");
        }
        return new ApiException(operation, text, operation + ": the API answered \"" + text + "\"");
    }
}
