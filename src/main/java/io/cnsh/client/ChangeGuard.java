package io.cnsh.client;

import io.cnsh.model.Agent;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The production guard and the change cap, as a {@link WriteGate}: counts the agents one command
 * writes (one {@code -e}, one {@code run}, one shell line), wherever the writes come from. Each
 * distinct agentid updated counts one, each agent created counts one.
 * <ul>
 *   <li>On a production account, the write that would take the count above {@value #CONFIRM_ABOVE}
 *       asks once; a yes holds for the rest of the command, a no (or no terminal to ask on, unless
 *       {@code assumeYes}) refuses it.</li>
 *   <li>With {@code maxChanges}, on any account, the write that would take the count past it is
 *       refused, asked or not, so {@code --yes} can never widen a change.</li>
 *   <li>A refusal latches: every later write of the command is refused too, even when the caller
 *       caught the first refusal. {@link #stop} latches the same way (a script's {@code exit}).</li>
 * </ul>
 *
 * <pre>{@code
 * ChangeGuard guard = ChangeGuard.builder().production(true).target("prod")
 *         .confirmer(question -> Confirmer.Answer.NO_TERMINAL).build();
 * ContactNow guarded = cn.withWriteGate(guard);
 * guard.startCommand();                          // before each command
 * guarded.agents().update(patches);              // 26 or more agents: WriteRefusedException
 * }</pre>
 */
public final class ChangeGuard implements WriteGate {

    /** Writes that take a command above this many agents ask first on a production account. */
    public static final int CONFIRM_ABOVE = 25;

    /**
     * What the user said on the command line about the guard.
     *
     * @param assumeYes  answer yes to the production guard ({@code --yes}, {@code CNSH_ASSUME_YES=1})
     * @param maxChanges the most agents a command may write ({@code --max-changes}), or null for no cap
     */
    public record Options(boolean assumeYes, Integer maxChanges) {

        /** No {@code --yes}, no cap. */
        public static final Options NONE = new Options(false, null);

        public Options {
            if (maxChanges != null && maxChanges < 0) {
                throw new IllegalArgumentException("--max-changes must be a whole number of 0 or more, got " + maxChanges);
            }
        }
    }

    private final boolean production;
    private final String target;
    private final Options options;
    private volatile Confirmer confirmer;

    private final Set<Long> updated = new HashSet<>();
    private int created;
    private int announcedCreates;
    private boolean confirmed;
    private String refusal;
    private String stopped;

    private ChangeGuard(Builder b) {
        this.production = b.production;
        this.target = b.target;
        this.options = b.options;
        this.confirmer = b.confirmer;
    }

    /** A guard that asks nobody and caps nothing until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Who answers the production question from now on (the shell sets its own line reader). */
    public void confirmer(Confirmer confirmer) {
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
    }

    /** Starts a new command: the count, the yes given, a refusal and a stop are forgotten. */
    public synchronized void startCommand() {
        updated.clear();
        created = 0;
        announcedCreates = 0;
        confirmed = false;
        refusal = null;
        stopped = null;
    }

    /** Refuses every further write of this command, saying why (e.g. the script called {@code exit}). */
    public synchronized void stop(String reason) {
        if (stopped == null) {
            stopped = reason;
        }
    }

    /** The first refusal of this command, or null: a command with one ends with exit code 2. */
    public synchronized String refusal() {
        return refusal;
    }

    /** How many agents this command has written (or announced) so far. */
    public synchronized int count() {
        return updated.size() + created;
    }

    @Override
    public synchronized Verdict admit(PendingWrite write) {
        if (stopped != null) {
            throw new WriteRefusedException("nothing sent: " + stopped);
        }
        if (refusal != null) {
            throw new WriteRefusedException("nothing sent: this command had a write refused already (" + refusal + ")");
        }
        Set<Long> newIds = new HashSet<>();
        for (Agent a : write.updates()) {
            if (a.agentid() != null && !updated.contains(a.agentid())) {
                newIds.add(a.agentid());
            }
        }
        int fromAnnounced = write.announcement() ? 0 : Math.min(announcedCreates, write.creates().size());
        int newCreates = write.creates().size() - fromAnnounced;
        int total = count() + newIds.size() + newCreates;
        String what = "the " + write.verb() + " of " + write.size() + " agent" + (write.size() == 1 ? "" : "s");
        if (options.maxChanges() != null && total > options.maxChanges()) {
            throw refuse(what + " would take this command to " + total + " agents written, past --max-changes "
                    + options.maxChanges());
        }
        if (production && total > CONFIRM_ABOVE && !confirmed && !options.assumeYes()) {
            switch (confirmer.ask(question(write.verb(), total, target))) {
                case YES -> confirmed = true;
                case NO -> throw refuse(what + " was not confirmed");
                case NO_TERMINAL -> throw refuse(what + " on production account " + target + " needs a yes and there"
                        + " is no terminal to ask (give --yes or set CNSH_ASSUME_YES=1)");
            }
        }
        updated.addAll(newIds);
        created += newCreates;
        announcedCreates += write.announcement() ? write.creates().size() : -fromAnnounced;
        return Verdict.SEND;
    }

    private WriteRefusedException refuse(String why) {
        refusal = why;
        return new WriteRefusedException("nothing sent: " + why);
    }

    /** The production question, as the shell has always asked it. */
    public static String question(String verb, int count, String target) {
        return verb + " " + count + " agents on the production account " + target + "? [y/N] ";
    }

    @Override
    public String toString() {
        return "ChangeGuard[" + (production ? "production " : "") + target + ", " + options + "]";
    }

    /** Builds a {@link ChangeGuard}. */
    public static final class Builder {
        private boolean production;
        private String target = "?";
        private Options options = Options.NONE;
        private Confirmer confirmer = Confirmer.NO_TERMINAL;

        private Builder() {
        }

        /** Marks the account as production: large writes ask first. */
        public Builder production(boolean production) {
            this.production = production;
            return this;
        }

        /** The account's name in the question (a profile name, a host). */
        public Builder target(String label) {
            this.target = Objects.requireNonNull(label, "target");
            return this;
        }

        /** {@code --yes} and {@code --max-changes}. */
        public Builder options(Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Who answers the production question (default: nobody, so it is refused). */
        public Builder confirmer(Confirmer confirmer) {
            this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
            return this;
        }

        public ChangeGuard build() {
            return new ChangeGuard(this);
        }
    }
}
