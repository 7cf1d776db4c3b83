package io.cnsh.sandbox

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset

/** A clock that stands still until a test moves it; shared by a sandbox and its clients to expire tokens. */
class TestClock extends Clock {

    volatile Instant now

    TestClock(Instant start = Instant.parse('2026-03-02T09:00:00Z')) {
        now = start
    }

    void advance(Duration d) {
        now = now.plus(d)
    }

    long epochSecond() {
        now.epochSecond
    }

    @Override
    ZoneId getZone() { ZoneOffset.UTC }

    @Override
    Clock withZone(ZoneId zone) { this }

    @Override
    Instant instant() { now }
}
