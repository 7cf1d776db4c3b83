package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/** A problem in cnsh's own configuration: a missing profile, a bad value, an unsafe file. */
public class ConfigException extends ContactNowException {

    public ConfigException(String message) {
        super(message);
    }
}
