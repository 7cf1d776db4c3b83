package io.cnsh.bulk;

import io.cnsh.model.Secrets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One data row of a {@link CsvTable}: its cells by column name, in header order.
 *
 * @param row   the row number as a spreadsheet shows it (the header is row 1, blank rows count)
 * @param line  the line of the file where the row starts (differs from {@code row} after a cell
 *              with a line break)
 * @param cells column name to cell text, in header order
 */
public record CsvRow(int row, int line, Map<String, String> cells) {

    public CsvRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell of this column, or {@code null} when the table has no such column. */
    public String get(String column) {
        return cells.get(column);
    }

    /** "row 4", or "row 4 (line 6)" when an earlier cell spans lines. */
    public String where() {
        return CsvTable.where(row, line);
    }

    /** The cells with secret columns masked. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "CsvRow[" + row + "]{", "}");
        cells.forEach((k, v) -> j.add(k + "=" + (Secrets.isSecretName(k) && !v.isEmpty() ? Secrets.MASK : v)));
        return j.toString();
    }
}
