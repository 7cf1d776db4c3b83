package io.cnsh

import java.nio.file.Files
import java.nio.file.Path

/**
 * The line the code journal says when a command's first write is sent,
 * {@code cnsh: writes journaled as run code-YYYYMMDD-HHMMSS-xxxx}: for specs that expect exactly it on
 * stderr, and for specs that compare two outputs with the run id normalised to {@link #TOKEN}.
 */
final class RunNotice {

    /** A code run's id. */
    static final String ID = /code-\d{8}-\d{6}-[0-9a-f]{4}/

    /** The notice line, its run id the first group. */
    static final String LINE = /cnsh: writes journaled as run (${ID})/

    /** What {@link #normalised} puts where a run id was. */
    static final String TOKEN = 'code-RUN'

    /** The notice with its run id normalised. */
    static final String SAID = "cnsh: writes journaled as run ${TOKEN}"

    private RunNotice() {
    }

    /** The text with every code run id replaced by {@link #TOKEN}. */
    static String normalised(String text) {
        text == null ? null : text.replaceAll(ID, TOKEN)
    }

    /** Whether the line is the notice. */
    static boolean isNotice(String line) {
        line ==~ LINE
    }

    /** The run id of the notice that is the whole of {@code err}; fails when {@code err} is anything else. */
    static String only(String err) {
        List<String> lines = err.readLines()
        assert lines.size() == 1 && isNotice(lines[0]): "expected only the run notice on stderr, got:\n${err}"
        (lines[0] =~ LINE)[0][1]
    }

    /** Like {@link #only}, and the id names a journal in {@code home}'s {@code runs/}. */
    static String onlyIn(String err, Path home) {
        String id = only(err)
        assert Files.isRegularFile(home.resolve('runs').resolve(id + '.jsonl')): "no journal ${id}.jsonl in ${home}/runs"
        id
    }
}
