package io.cnsh.bulk;

import io.cnsh.model.Secrets;
import io.cnsh.wire.CsvText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the results CSV of a run: the input's columns (secret cells masked) followed by
 * {@code status}, {@code agentid} and {@code error}, one line per data row. An input keyed by
 * agentid already has that column, so it is not added twice (the file stays a CSV that can be read
 * back, with one column per name). The file is replaced whole: written beside it and renamed, so a
 * full disk leaves the previous results, never a file cut short. The file is meant for a
 * spreadsheet, so cells that would run as a formula are escaped ({@link CsvText#spreadsheet}), and
 * {@link CsvTable} reads them back as they were.
 */
final class ResultsCsv {

    private ResultsCsv() {
    }

    static void write(Path file, CsvTable input, Map<Integer, RowResult> results) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(input.header());
        boolean keyedById = header.contains("agentid");
        header.add("status");
        if (!keyedById) {
            header.add("agentid");
        }
        header.add("error");
        lines.add(header);
        for (CsvRow row : input.rows()) {
            List<String> cells = new ArrayList<>();
            row.cells().forEach((column, value) ->
                    cells.add(Secrets.isSecretName(column) && !value.isEmpty() ? Secrets.MASK : value));
            RowResult r = results.get(row.row());
            cells.add(r == null ? RowStatus.PENDING.label() : r.status().label());
            if (!keyedById) {
                cells.add(r == null || r.agentid() == null ? "" : r.agentid());
            }
            cells.add(r == null || r.error() == null ? "" : r.error());
            lines.add(cells);
        }
        try {
            RunFiles.replace(file, CsvText.spreadsheet(lines, "\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BulkException("cannot write the results " + file + ": " + RunFiles.reason(e), e);
        }
    }
}
