package io.cnsh.bulk;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.wire.TextFileException;
import io.cnsh.wire.TextFiles;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Bulk changes from CSV files, planned first and applied as planned: the engine behind
 * {@code scripts/bulk-update.groovy}, {@code bulk-create.groovy} and {@code drift.groovy}.
 *
 * <pre>{@code
 * Bulk bulk = Bulk.builder(cn).runs(RunStore.fromEnvironment(System.getenv()))
 *         .progress(Progress.auto(err)).build();
 * Plan plan = bulk.planUpdate(Path.of("changes.csv"));   // reads every agent, compares, changes nothing
 * plan.lines().forEach(out::println);
 * RunResult result = bulk.apply(plan);                    // journal + results CSV under runs/
 * RunResult again = bulk.resume(result.runId());          // after a crash: the rest, nothing twice
 * }</pre>
 *
 * <p>CSV conventions: the header names wire fields ({@code auth_level}, not {@code authLevel}); an
 * empty cell leaves a field as it is; {@value #SET_EMPTY} sets it to the empty string; {@code ****}
 * in a pin or password cell (what an export shows) also leaves it as it is. Updates are keyed by an
 * {@code agentid} column, else by {@code username}; creates by {@code username}.
 *
 * <p>Pitfall: a plan is a snapshot. {@link #apply} sends what the plan says, so apply soon after
 * planning; a resume plans the unfinished rows again against the live agents.
 *
 * <p>While the client's writes are held (a dry run, {@link io.cnsh.client.WriteGate#holdsWrites}),
 * {@link #planOrApply}, {@link #revert} and {@link #applyPlan} start no run and journal nothing: the
 * writes go to the client, which holds them ({@link HeldApply}); {@link #apply} and {@link #resume},
 * which answer with a run, refuse.
 */
public final class Bulk {

    /** The cell text that sets a field to the empty string (an empty cell leaves it unchanged). */
    public static final String SET_EMPTY = "#empty";
    /** Rows per request unless set otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** How often a create whose answer was lost (and which proved not to exist) is sent again. */
    public static final int DEFAULT_CREATE_ATTEMPTS = 3;

    private final ContactNow client;
    private final RunStore runs;
    private final Integer batchSize;
    private final int maxCreateAttempts;
    private final Progress progress;
    private final Clock clock;
    private final Plan.Options options;
    private final boolean listUnmanaged;
    private final Consumer<String> notices;
    private final Character delimiter;

    private Bulk(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.runs = b.runs;
        this.batchSize = b.batchSize;
        this.maxCreateAttempts = b.maxCreateAttempts;
        this.progress = b.progress;
        this.clock = b.clock;
        this.options = new Plan.Options(b.skipInvalid, b.updateExisting);
        this.listUnmanaged = b.listUnmanaged;
        this.notices = b.notices;
        this.delimiter = b.delimiter;
    }

    /** A builder for bulk runs through this client. */
    public static Builder builder(ContactNow client) {
        return new Builder(client);
    }

    /** Where runs are kept. */
    public RunStore runs() {
        return runs;
    }

    /** Plans an update: a CSV keyed by agentid or username whose other columns are fields to set. */
    public Plan planUpdate(Path csv) {
        return plan(Plan.Kind.UPDATE, csv);
    }

    /** Plans a create: new agents keyed by username; existing usernames skipped (or updated). */
    public Plan planCreate(Path csv) {
        return plan(Plan.Kind.CREATE, csv);
    }

    /** Compares a desired-state CSV with the live agents (never applied). */
    public Plan planDrift(Path csv) {
        return plan(Plan.Kind.DRIFT, csv);
    }

    /**
     * Reads and checks the CSV, reads every agent of the account and compares them. Sends nothing.
     *
     * @throws CsvFormatException when the file is not a well-formed CSV of known columns
     */
    public Plan plan(Plan.Kind kind, Path csv) {
        byte[] bytes = read(csv);
        CsvTable table = CsvTable.parse(csv.getFileName().toString(), bytes, delimiter);
        // a file that cannot be planned is refused before anything is sent, reads included
        Planner.checkColumns(kind, table);
        List<Agent> live = client.agents().readAll(AgentQuery.all()).toList();
        return Planner.plan(kind, table, csv.toAbsolutePath().normalize(), sha256(bytes), live, options, listUnmanaged);
    }

    /**
     * Applies a plan as a new run: sends its updates and creates in batches, journals each batch
     * before and after it is sent, and writes the results CSV.
     *
     * @throws BulkException when the plan has problems (and skip-invalid is off) or is a drift plan;
     *                       nothing is sent then
     */
    public RunResult apply(Plan plan) {
        check(plan);
        refuseHeld();
        announce(plan, r -> true);
        return Applier.apply(settings(batchSize == null ? DEFAULT_BATCH_SIZE : batchSize), runs.create(plan.kind()), plan);
    }

    /** Refuses a drift plan, and a plan with problems unless they are skipped; nothing is sent then. */
    private static void check(Plan plan) {
        if (plan.kind() == Plan.Kind.DRIFT) {
            throw new BulkException("a drift plan only reports; apply the desired state with bulk-update");
        }
        if (plan.hasProblems() && !plan.options().skipInvalid()) {
            List<Integer> rows = plan.problems().stream().map(PlannedRow::row).toList();
            throw new BulkException(plan.input().name() + ": " + (rows.size() == 1 ? "row " : "rows ")
                    + Plan.numbers(rows) + (rows.size() == 1 ? " has a problem" : " have problems")
                    + "; nothing was sent (fix them, or leave them out with --skip-invalid)");
        }
    }

    /**
     * Applies {@code plan} as a new run, or while the client's writes are held passes its writes to the
     * client without a run ({@link HeldApply}); the result's lines go to {@code out}.
     *
     * @return the run's exit code; held: 4 when anything would change, else 0
     */
    int send(Plan plan, Consumer<String> out) {
        if (!held()) {
            RunResult result = apply(plan);
            result.lines().forEach(out);
            return result.exitCode();
        }
        check(plan);
        return HeldApply.send(this, plan, r -> true, out);
    }

    /** True while the client's writes are held (a dry run): then no run is started. */
    boolean held() {
        return client.agents().gate().holdsWrites();
    }

    private void refuseHeld() {
        if (held()) {
            throw new BulkException("the writes are held (a dry run), and a dry run starts no run; nothing was sent");
        }
    }

    ContactNow client() {
        return client;
    }

    Consumer<String> notices() {
        return notices;
    }

    Character delimiter() {
        return delimiter;
    }

    /**
     * Tells the client's write gate of every create and update the plan will send (those of the rows
     * {@code pending} keeps), before the first batch: the production guard asks once, up front, and
     * {@code --max-changes} refuses before a run is started.
     */
    void announce(Plan plan, Predicate<PlannedRow> pending) {
        List<Agent> creates = plan.rows().stream().filter(pending).filter(r -> r.action() == RowAction.CREATE)
                .map(PlannedRow::record).toList();
        List<Agent> updates = plan.rows().stream().filter(pending).filter(r -> r.action() == RowAction.UPDATE)
                .map(PlannedRow::record).toList();
        client.agents().announce(creates, updates);
    }

    /**
     * Resumes a run that stopped (interrupted, killed, connection lost) or had failures: rows the
     * journal shows as done are left alone; the others are planned again against the live agents, and
     * a row sent before the stop counts as done when the live agents already show it. The CSV must be
     * the one the run started with (its SHA-256 is checked), the client must be aimed at the account
     * the run was made for, and batches keep the run's size unless this builder was given one.
     */
    public RunResult resume(String runId) {
        Resumption r = Resumption.of(this, runId);
        refuseHeld();
        announce(r.fresh(), r.pending());
        return Applier.resume(settings(batchSize == null ? r.state().batchSize : batchSize), r.run(), r.state(), r.fresh());
    }

    /**
     * What the bulk scripts do with their arguments: with {@code resumeRunId}, finish that run;
     * otherwise plan the file, and when {@code apply} is set and the plan has changes, apply exactly
     * that plan. Every line of the plan and of the result goes to {@code out}.
     *
     * @return the exit code of the CLI contract: 0 nothing to do or all applied, 1 rows with problems,
     *     3 some rows failed, 4 the plan shows changes (when not applying)
     * @throws BulkException as {@link #plan}, {@link #apply} and {@link #resume} do
     */
    public int planOrApply(Plan.Kind kind, Path csv, String resumeRunId, boolean apply, Consumer<String> out) {
        if (resumeRunId != null && held()) {
            Resumption r = Resumption.of(this, resumeRunId);
            return HeldApply.resume(this, resumeRunId, r.fresh(), r.pending(), out);
        }
        if (resumeRunId != null) {
            RunResult result = resume(resumeRunId);
            result.lines().forEach(out);
            return result.exitCode();
        }
        Plan plan = plan(kind, csv);
        plan.lines().forEach(out);
        if (!apply || plan.exitCode() == 0) {
            if (apply) {
                out.accept("Nothing to apply.");
            }
            return plan.exitCode();
        }
        // a plan with problems is refused by apply, with a one-line reason, before anything is sent
        return send(plan, out);
    }

    /**
     * Plans the reverse of what run {@code runId} applied ({@link Reverter}) and, with {@code apply},
     * applies it as a new run; {@code force} also takes back rows changed since the run; with
     * {@code savePlan}, the revert's plan is saved there (and its CSV kept in the runs directory).
     *
     * @return 0 nothing to do or all applied, 3 rows skipped as conflicts or failed, 4 the plan shows
     *     changes or conflicts (when not applying)
     * @throws WrongTargetException when the run was made against another account; nothing is read then
     */
    public int revert(String runId, boolean apply, boolean force, Path savePlan, Consumer<String> out) {
        return revert(RevertSource.open(runs.open(runId)), apply, force, savePlan, out);
    }

    /** {@link #revert(String, boolean, boolean, Path, Consumer)} of any run's record. */
    public int revert(RevertSource source, boolean apply, boolean force, Path savePlan, Consumer<String> out) {
        Reverter.checkTarget(source, client.baseUri(), client.username());
        List<Agent> live = client.agents().readAll(AgentQuery.all()).toList();
        Reverter.Revert revert = Reverter.plan(source, live, force, Reverter.csvFile(runs, source.runId()));
        return Reverter.planOrApply(this, revert, apply, savePlan, out);
    }

    /** Writes {@code plan} to {@code file} for {@link #applyPlan} ({@link SavedPlan}): owner-only, never a secret. */
    public void savePlan(Plan plan, Path file) {
        SavedPlan.write(plan, client.baseUri(), client.username(), file);
    }

    /**
     * Applies exactly the plan saved in {@code file}: refuses another account and a changed input
     * file, re-reads the agents, and skips as conflicts ({@code ?}) rows whose agents changed since.
     *
     * @return 0 applied (or nothing to apply), 3 rows skipped as conflicts or failed, 1 the run stopped
     * @throws WrongTargetException when the plan was made for another account; nothing is read then
     */
    public int applyPlan(Path file, Consumer<String> out) {
        return SavedPlan.apply(this, file, out);
    }

    private Applier.Settings settings(int size) {
        return new Applier.Settings(client, size, maxCreateAttempts, progress, clock, notices);
    }

    private static byte[] read(Path csv) {
        try {
            return TextFiles.bytes(csv);
        } catch (TextFileException e) {
            throw new BulkException(e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Bulk[" + client + ", " + runs + ", batch size " + (batchSize == null ? DEFAULT_BATCH_SIZE : batchSize) + "]";
    }

    /** Builds a {@link Bulk}; only the client is required. */
    public static final class Builder {
        private final ContactNow client;
        private RunStore runs = RunStore.fromEnvironment(System.getenv());
        private Integer batchSize;
        private int maxCreateAttempts = DEFAULT_CREATE_ATTEMPTS;
        private Progress progress = Progress.none();
        private Clock clock = Clock.systemUTC();
        private boolean skipInvalid;
        private boolean updateExisting;
        private boolean listUnmanaged;
        private Consumer<String> notices = line -> { };
        private Character delimiter;

        private Builder(ContactNow client) {
            this.client = client;
        }

        /** Where journals and results go (default {@code $CNSH_HOME/runs}). */
        public Builder runs(RunStore runs) {
            this.runs = Objects.requireNonNull(runs, "runs");
            return this;
        }

        /** Rows per request (default {@value Bulk#DEFAULT_BATCH_SIZE}; a resume: the size the run started with). */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** How many times in all a create whose answer is lost may be sent (default 3). */
        public Builder maxCreateAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("create attempts must be at least 1, got " + attempts);
            }
            this.maxCreateAttempts = attempts;
            return this;
        }

        /** How progress is shown (default: not at all). */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The clock of journal entries. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Leave rows with problems out instead of refusing the whole plan. */
        public Builder skipInvalid(boolean skip) {
            this.skipInvalid = skip;
            return this;
        }

        /** Creates: update agents whose username exists instead of skipping them. */
        public Builder updateExisting(boolean update) {
            this.updateExisting = update;
            return this;
        }

        /**
         * Where a run says which run it is and where its journal and results CSV are, as it starts or
         * resumes, before anything is sent (default: nowhere). The bulk scripts pass standard error.
         */
        public Builder notices(Consumer<String> sink) {
            this.notices = Objects.requireNonNull(sink, "notices");
            return this;
        }

        /** Drift: also list live agents that no row names. */
        public Builder listUnmanaged(boolean list) {
            this.listUnmanaged = list;
            return this;
        }

        /** The CSV's separator ({@link CsvTable#delimiter}); default: found from its header. */
        public Builder delimiter(Character sep) {
            this.delimiter = sep;
            return this;
        }

        public Bulk build() {
            return new Bulk(this);
        }
    }
}
