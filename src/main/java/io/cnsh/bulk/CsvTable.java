package io.cnsh.bulk;

import io.cnsh.wire.CsvText;
import io.cnsh.wire.TextFileException;
import io.cnsh.wire.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A CSV file read strictly, as a header and data rows, for bulk changes: UTF-8 only (a byte-order
 * mark is dropped), CRLF or LF line ends, RFC 4180 quoting (quoted cells may hold commas, quotes
 * written twice, and line breaks, which are kept as {@code \n}). Blank rows are skipped but keep
 * their row numbers, so that every message names the row a spreadsheet shows. The formula escape
 * of cnsh's spreadsheet files is reversed ({@link CsvText#unescapeFormula}: {@code '=x} reads as
 * {@code =x}, {@code ''=x} as {@code '=x}), so an export applies back unchanged.
 *
 * <pre>{@code
 * CsvTable t = CsvTable.read(Path.of("changes.csv"));
 * for (CsvRow r : t.rows()) System.out.println(r.row() + ": " + r.get("username"));
 * }</pre>
 *
 * <p>Anything that would make the table ambiguous is refused with a {@link CsvFormatException}:
 * bytes that are not UTF-8, an unclosed quote, a quote inside an unquoted cell, an empty or
 * repeated column name, a row with more or fewer cells than the header.
 *
 * <p>The reader is written here rather than over Jackson's CSV parser because Jackson's parser
 * takes a quote inside an unquoted cell ({@code a,b"c}) as text, where this table refuses it as
 * ambiguous, and because every message names the spreadsheet row and the line it starts on, which
 * a record holding line breaks makes differ. The writers go through Jackson ({@link CsvText}).
 */
public final class CsvTable {

    private final String name;
    private final List<String> header;
    private final List<CsvRow> rows;

    private CsvTable(String name, List<String> header, List<CsvRow> rows) {
        this.name = name;
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    /** Reads and checks a CSV file, its separator found from the header ({@link #parse(String, String, Character)}). */
    public static CsvTable read(Path file) {
        return read(file, null);
    }

    /** Reads and checks a CSV file separated by {@code delimiter} (null: found from the header). */
    public static CsvTable read(Path file, Character delimiter) {
        byte[] bytes;
        try {
            bytes = TextFiles.bytes(file);
        } catch (TextFileException e) {
            throw new BulkException(e.getMessage());
        }
        return parse(file.getFileName().toString(), bytes, delimiter);
    }

    /** Checks and parses CSV bytes; {@code name} is used in messages. */
    public static CsvTable parse(String name, byte[] bytes) {
        return parse(name, bytes, null);
    }

    /** Checks and parses CSV bytes separated by {@code delimiter} (null: found from the header). */
    public static CsvTable parse(String name, byte[] bytes, Character delimiter) {
        if (TextFiles.firstMalformed(bytes) >= 0) {
            throw notUtf8(name, bytes);
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8), delimiter);
    }

    /**
     * The separator a {@code --delimiter} option names: {@code ,}, {@code ;}, and a tab as
     * {@code \t}, {@code tab} or the tab character itself.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static char delimiter(String option) {
        if (option != null) {
            switch (option.strip().isEmpty() ? option : option.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "," -> {
                    return ',';
                }
                case ";" -> {
                    return ';';
                }
                case "\t", "\\t", "tab" -> {
                    return '\t';
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("--delimiter must be ',', ';' or tab, got '" + option + "'");
    }

    /** Parses CSV text (already decoded), its separator found from the header. */
    public static CsvTable parse(String name, String text) {
        return parse(name, text, null);
    }

    /**
     * Parses CSV text (already decoded) separated by {@code delimiter}. With null the separator is a
     * comma unless the header says otherwise: a header that split by {@code ;} gives only agent
     * field names, and split by commas does not, is read with {@code ;} (a European spreadsheet's
     * CSV); any other header holding {@code ;} is refused, naming {@code --delimiter}.
     */
    public static CsvTable parse(String name, String text, Character delimiter) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char sep = delimiter != null ? delimiter : Delimiters.detect(name, text);
        List<Raw> records = records(name, text, sep);
        int first = 0;
        while (first < records.size() && records.get(first).blank()) {
            first++;
        }
        if (first == records.size()) {
            throw new CsvFormatException(name + ": the file is empty; it needs a header row naming the columns");
        }
        Raw head = records.get(first);
        List<String> header = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < head.cells().size(); i++) {
            String column = head.cells().get(i).strip();
            if (column.isEmpty()) {
                throw new CsvFormatException(name + ": " + where(head.row(), head.line()) + ": column " + (i + 1)
                        + " of the header has no name");
            }
            Integer before = seen.putIfAbsent(column, i + 1);
            if (before != null) {
                throw new CsvFormatException(name + ": " + where(head.row(), head.line()) + ": column '" + column
                        + "' appears twice in the header (columns " + before + " and " + (i + 1) + ")");
            }
            header.add(column);
        }
        List<CsvRow> rows = new ArrayList<>();
        for (Raw r : records.subList(first + 1, records.size())) {
            if (r.blank()) {
                continue;
            }
            if (r.cells().size() != header.size()) {
                throw new CsvFormatException(name + ": " + where(r.row(), r.line()) + " has " + r.cells().size()
                        + " cell" + (r.cells().size() == 1 ? "" : "s") + " but the header has " + header.size()
                        + " columns" + (r.cells().size() > header.size() ? " (a " + Delimiters.describe(sep)
                        + " in a cell needs quotes)" : ""));
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), r.cells().get(i));
            }
            rows.add(new CsvRow(r.row(), r.line(), cells));
        }
        return new CsvTable(name, header, rows);
    }

    /** The file name used in messages. */
    public String name() {
        return name;
    }

    /** The column names, trimmed, in order. */
    public List<String> header() {
        return header;
    }

    /** The data rows (blank rows left out), in order. */
    public List<CsvRow> rows() {
        return rows;
    }

    /** True when the header has this column. */
    public boolean has(String column) {
        return header.contains(column);
    }

    static String where(int row, int line) {
        return "row " + row + (line != row ? " (line " + line + ")" : "");
    }

    /** One record of the file before the header is applied. */
    record Raw(int row, int line, List<String> cells, boolean blank) {
    }

    private static CsvFormatException error(String name, int row, int line, String message) {
        return new CsvFormatException(name + ": " + where(row, line) + ": " + message);
    }

    static List<Raw> records(String name, String text, char sep) {
        List<Raw> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int line = 1;
        int row = 0;
        StringBuilder cell = new StringBuilder();
        while (i < n) {
            row++;
            int startLine = line;
            List<String> cells = new ArrayList<>();
            boolean end = false;
            while (!end) {
                int column = cells.size() + 1;
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw error(name, row, startLine, "the quoted cell in column " + column
                                    + " is never closed (a quote is missing)");
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                cell.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\r' || c == '\n') {
                            // a line break inside a cell is kept as \n whatever the file's line ends
                            i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                            cell.append('\n');
                            line++;
                            continue;
                        }
                        cell.append(c);
                        i++;
                    }
                    if (i < n && text.charAt(i) != sep && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw error(name, row, startLine, "column " + column + " has text after its closing quote"
                                + " (a quote inside a quoted cell is written twice: \"\")");
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == sep || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c == '"') {
                            throw error(name, row, startLine, "column " + column + " has a quote inside an unquoted"
                                    + " cell; quote the whole cell and write the quote twice (\"\")");
                        }
                        cell.append(c);
                        i++;
                    }
                }
                cells.add(CsvText.unescapeFormula(cell.toString()));
                cell.setLength(0);
                if (i >= n) {
                    end = true;
                } else if (text.charAt(i) == sep) {
                    i++;
                    if (i >= n) {
                        cells.add("");
                        end = true;
                    }
                } else {
                    i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    end = true;
                }
            }
            out.add(new Raw(row, startLine, Collections.unmodifiableList(cells),
                    cells.stream().allMatch(String::isEmpty)));
        }
        return out;
    }

    /** The error for bytes that are not UTF-8, naming every row (and line) that holds some. */
    private static CsvFormatException notUtf8(String name, byte[] bytes) {
        TreeSet<Integer> badLines = new TreeSet<>();
        int firstBad = -1;
        int firstBadAt = -1;
        int firstBadLine = 0;
        int start = 0;
        int line = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int bad = TextFiles.firstMalformed(bytes, start, i);
                if (bad >= 0) {
                    badLines.add(line);
                    if (firstBad < 0) {
                        firstBad = bytes[bad] & 0xff;
                        firstBadAt = bad;
                        firstBadLine = line;
                    }
                }
                start = i + 1;
                line++;
            }
        }
        TreeSet<Integer> badRows = new TreeSet<>();
        try {
            List<Raw> records = records(name, new String(bytes, StandardCharsets.UTF_8), ',');
            for (int k = 0; k < records.size(); k++) {
                int from = records.get(k).line();
                int to = k + 1 < records.size() ? records.get(k + 1).line() - 1 : Integer.MAX_VALUE;
                for (int l : badLines) {
                    if (l >= from && l <= to) {
                        badRows.add(records.get(k).row());
                    }
                }
            }
        } catch (CsvFormatException e) {
            // the rows cannot be told apart; the lines still say where the bytes are
        }
        TreeSet<Integer> where = badRows.isEmpty() ? badLines : badRows;
        String noun = badRows.isEmpty() ? "line" : "row";
        return new CsvFormatException(name + ": " + noun + (where.size() == 1 ? " " : "s ") + join(where)
                + (where.size() == 1 ? " is" : " are") + " not UTF-8 text (first bad byte 0x"
                + String.format("%02X", firstBad) + " on line " + firstBadLine + ") at byte " + firstBadAt
                + " " + TextFiles.guess(bytes) + "; save the file as UTF-8 (in a spreadsheet: CSV UTF-8) and try again");
    }

    private static String join(TreeSet<Integer> numbers) {
        List<Integer> shown = numbers.stream().limit(10).toList();
        String text = shown.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return numbers.size() > shown.size() ? text + " and " + (numbers.size() - shown.size()) + " more" : text;
    }

    @Override
    public String toString() {
        return "CsvTable[" + name + ", " + header.size() + " columns, " + rows.size() + " rows]";
    }
}
