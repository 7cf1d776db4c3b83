package io.cnsh.bulk;

/** A run's record names another account than the one the client is aimed at. */
public final class WrongTargetException extends BulkException {

    public WrongTargetException(String message) {
        super(message);
    }
}
