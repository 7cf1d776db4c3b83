/**
 * Bulk changes to agents from CSV files, planned before they are applied: {@link io.cnsh.bulk.Bulk}
 * reads a CSV ({@link io.cnsh.bulk.CsvTable}), compares it with the live agents into a
 * {@link io.cnsh.bulk.Plan} (per-agent diffs, secrets masked, problems with row numbers), applies a
 * plan in batches with a {@link io.cnsh.bulk.Progress} display, an append-only journal and a results
 * CSV under {@code $CNSH_HOME/runs/} ({@link io.cnsh.bulk.RunStore}), and resumes an interrupted run
 * from its journal ({@link io.cnsh.bulk.RunResult}). The bulk scripts share their options through the
 * picocli mixin {@link io.cnsh.bulk.BulkScriptOptions} and their modes through
 * {@link io.cnsh.bulk.ScriptModes}. Plain library code over the client: usable from
 * Java, JShell and Groovy scripts alike.
 */
package io.cnsh.bulk;
