package io.cnsh.bulk;

import java.nio.file.Path;

/**
 * One bulk run on disk: its id and its two files under {@code $CNSH_HOME/runs/}.
 *
 * @param id      e.g. {@code update-20250301-142233-7f3a}
 * @param journal the append-only JSON-lines journal, {@code ID.jsonl}
 * @param results the results CSV, {@code ID.results.csv}
 */
public record Run(String id, Path journal, Path results) {
}
