package io.cnsh.repl;

import io.cnsh.model.Agent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The usernames and agentids of the target, for completion. Tab never waits on the network: it
 * reads the last snapshot, and a snapshot older than the time-to-live is refreshed in the
 * background for the next Tab. A write made by the shell marks the snapshot stale.
 */
final class LiveNames {

    /** At most this many agents are read for completion. */
    static final int MAX_AGENTS = 20_000;

    /** What completion offers: usernames and agentids, in the order read, without duplicates. */
    record Snapshot(List<String> usernames, List<String> agentids, Instant takenAt) {
        static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), Instant.EPOCH);

        Snapshot {
            usernames = List.copyOf(usernames);
            agentids = List.copyOf(agentids);
        }
    }

    private final Supplier<Stream<Agent>> source;
    private final Executor background;
    private final Clock clock;
    private final Duration ttl;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean stale = true;

    /**
     * @param source     every agent of the target (read lazily, page by page)
     * @param background where refreshes run
     */
    LiveNames(Supplier<Stream<Agent>> source, Executor background, Clock clock, Duration ttl) {
        this.source = source;
        this.background = background;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The latest snapshot, at once; starts a background refresh when it is stale. */
    Snapshot snapshot() {
        Snapshot s = snapshot;
        if (stale || Duration.between(s.takenAt(), clock.instant()).compareTo(ttl) > 0) {
            refreshInBackground();
        }
        return s;
    }

    /** Marks the snapshot as out of date (after a write); the next read refreshes it. */
    void invalidate() {
        stale = true;
    }

    /** Starts a refresh on the background executor unless one is running. */
    void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                background.execute(this::refreshGuarded);
            } catch (RuntimeException e) {
                refreshing.set(false);
            }
        }
    }

    /** Reads the names now, in this thread. */
    void refresh() {
        Set<String> usernames = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        stale = false;
        try (Stream<Agent> agents = source.get()) {
            agents.limit(MAX_AGENTS).forEach(a -> {
                String u = a.get("username");
                if (u != null && !u.isEmpty()) {
                    usernames.add(u);
                }
                String id = a.get("agentid");
                if (id != null && !id.isEmpty()) {
                    ids.add(id);
                }
            });
        }
        snapshot = new Snapshot(new ArrayList<>(usernames), ids, clock.instant());
    }

    private void refreshGuarded() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Completion goes on with the names it has; a read after the time-to-live tries again.
            Snapshot old = snapshot;
            snapshot = new Snapshot(old.usernames(), old.agentids(), clock.instant());
        } finally {
            refreshing.set(false);
        }
    }
}
