package io.cnsh.wire;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV text written through Jackson's CSV module with cnsh's one quoting rule: a cell is quoted
 * only when it holds a comma, a quote or a line break, and a quote inside it is written twice
 * (RFC 4180). Every CSV file cnsh writes for people goes through here.
 *
 * <p>Files meant for a spreadsheet ({@link #spreadsheet}: the agent export, report CSVs and the
 * results CSV of a bulk run) also escape the cells a spreadsheet would run as a formula: a cell
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or a line feed, after
 * any number of {@code '}, gets one more {@code '} in front (OWASP's advice for CSV injection).
 * {@link #unescapeFormula} takes exactly that one {@code '} off again, and only from a cell that
 * starts with {@code '} followed by more {@code '} and a trigger character, so the escape is
 * reversible without ambiguity:
 *
 * <pre>
 * value            written as
 * =SUM(1+1)        '=SUM(1+1)
 * +44 20 7946      '+44 20 7946
 * 'quoted          'quoted          (no trigger after the quote: left alone)
 * '=already        ''=already       (one more quote, taken off again on reading)
 * it's             it's
 * </pre>
 *
 * <p>CSV meant for other programs (the wire's CSV format) is not escaped.
 */
public final class CsvText {

    /**
     * The characters that make a spreadsheet read a cell as a formula, and a line feed: cnsh's
     * reader keeps a line break in a cell as a line feed, so an escaped carriage return reads back
     * as an escaped line feed and must be unescaped as one.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private CsvText() {
    }

    /**
     * Rows (the first one usually the header) as CSV text for a spreadsheet: formula cells
     * escaped, a null cell written empty, each line ended by {@code lineEnd}.
     */
    public static String spreadsheet(List<? extends List<String>> rows, String lineEnd) {
        List<List<String>> escaped = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            row.forEach(c -> cells.add(escapeFormula(c == null ? "" : c)));
            escaped.add(cells);
        }
        return raw(escaped, lineEnd);
    }

    /** Rows as CSV text with no formula escape, for programs; a null cell is written empty. */
    public static String raw(List<? extends List<String>> rows, String lineEnd) {
        StringWriter out = new StringWriter();
        CsvSchema schema = CsvSchema.emptySchema().withoutHeader().withLineSeparator(lineEnd);
        try (SequenceWriter writer = MAPPER.writer(schema).writeValues(out)) {
            for (List<String> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                row.forEach(c -> cells.add(c == null ? "" : c));
                writer.write(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return out.toString();
    }

    /** The cell with one {@code '} in front if a spreadsheet would run it as a formula. */
    public static String escapeFormula(String cell) {
        return startsFormula(cell) ? "'" + cell : cell;
    }

    /** The cell as it was before {@link #escapeFormula}: one leading {@code '} taken off, if it was added. */
    public static String unescapeFormula(String cell) {
        return cell.startsWith("'") && startsFormula(cell) ? cell.substring(1) : cell;
    }

    /** True when the cell is any number of {@code '} followed by a formula character. */
    private static boolean startsFormula(String cell) {
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0;
    }
}
