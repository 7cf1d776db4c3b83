package io.cnsh.dsl;

import io.cnsh.model.ContactNowException;

/** A DSL call that cannot be carried out as written: unknown verb or field, a bad value, a missing agentid. */
public class DslException extends ContactNowException {

    public DslException(String message) {
        super(message);
    }
}
