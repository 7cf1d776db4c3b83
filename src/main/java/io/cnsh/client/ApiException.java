package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/** The API answered {@code success:false}; carries its error text and the operation. */
public class ApiException extends ContactNowException {

    private final String operation;
    private final String apiError;

    ApiException(String operation, String apiError, String message) {
        super(message);
        this.operation = operation;
        this.apiError = apiError;
    }

    /** The operation key, e.g. {@code agents#update}. */
    public String operation() {
        return operation;
    }

    /** The API's {@code error} text, e.g. {@code Bad argument: action}. */
    public String apiError() {
        return apiError;
    }
}
