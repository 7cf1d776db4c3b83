package io.cnsh.client

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset

/** A clock that moves only when told to; shared by a sandbox and its clients to expire tokens. */
class TestClock extends Clock {

    private volatile Instant now

    TestClock(Instant start = Instant.parse('2030-01-01T09:00:00Z')) {
        now = start
    }

    void advance(Duration d) {
        now = now.plus(d)
    }

    @Override
    ZoneId getZone() { ZoneOffset.UTC }

    @Override
    Clock withZone(ZoneId zone) { this }

    @Override
    Instant instant() { now }
}
