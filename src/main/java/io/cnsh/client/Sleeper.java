package io.cnsh.client;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
