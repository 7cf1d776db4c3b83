package io.cnsh.client

import io.cnsh.sandbox.TestClock
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/** Records the waits it is asked for instead of sleeping; moves a {@link TestClock} on by each one if given. */
class RecordingSleeper implements Sleeper {

    final List<Duration> sleeps = new CopyOnWriteArrayList<>()
    TestClock clock

    @Override
    void sleep(Duration duration) {
        sleeps << duration
        clock?.advance(duration)
    }
}
