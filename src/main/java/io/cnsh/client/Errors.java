package io.cnsh.client;

import io.cnsh.model.ApiError;
import java.util.Optional;

/** Builds the typed exception for an API failure, with a message a person can act on. */
final class Errors {

    private Errors() {
    }

    /**
     * The exception for a {@code success:false} answer.
     *
     * @param binding the address list this client binds its tokens to, empty for the caller's own
     */
    static ApiException fromApi(Operation op, ApiError error, Redactor redactor, Optional<String> binding) {
        String operation = op.label();
        String text = error.error() == null ? "no error text" : redactor.redact(error.error());
        if (op == Operation.TOKEN_GET && "Authentication failure".equals(error.error())) {
            return new AuthenticationException(operation, text, operation + ": the API username or password was"
                    + " refused (\"Authentication failure\"); check the credentials issued by 8x8 support");
        }
        if ("Invalid token".equals(error.error())) {
            return new TokenRejectedException(operation, text, operation + ": the API refused the token (\"Invalid"
                    + " token\"): " + invalidTokenAdvice(binding));
        }
        if (error.tokenNeedsRenewal()) {
            return new TokenRejectedException(operation, text, operation + ": the token was refused again after"
                    + " a fresh one was fetched (\"" + text + "\")");
        }
        return new ApiException(operation, text, operation + ": the API answered \"" + text + "\"");
    }

    private static String invalidTokenAdvice(Optional<String> binding) {
        String share = "bind the token to their addresses (at most 10) with the profile's address list"
                + " or cnsh token get --address IP,IP";
        return binding.map(list -> "a token works only from the internet addresses it is bound to, and this"
                        + " client binds its tokens to " + list + ", which does not include the address it calls"
                        + " from; to use it from this machine too, " + share)
                .orElse("a token works only from the internet address that requested it, and this one was"
                        + " requested from another (this machine's address changed, or the token came from another"
                        + " machine); it has been dropped, so the next call requests one for this address; to share"
                        + " a token between machines, " + share);
    }
}
