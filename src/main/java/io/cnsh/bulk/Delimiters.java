package io.cnsh.bulk;

import io.cnsh.model.AgentField;
import java.util.List;

/**
 * Finds the separator of a bulk CSV from its header when none is given: a comma, unless the header
 * holds {@code ;} and, split by {@code ;}, names only agent fields where split by commas it does not
 * (a spreadsheet set to a European locale saves {@code agentid;auth_level;userfield}). A header
 * holding {@code ;} that is not column names either way is refused, naming {@code --delimiter}, rather
 * than guessed.
 */
final class Delimiters {

    private Delimiters() {
    }

    /** The separator the text's header shows. */
    static char detect(String name, String text) {
        String line = headerLine(text);
        if (line.indexOf(';') < 0) {
            return ',';
        }
        List<String> byComma = cells(name, line, ',');
        if (byComma != null && allFields(byComma)) {
            return ',';
        }
        List<String> bySemicolon = cells(name, line, ';');
        if (bySemicolon != null && bySemicolon.size() > 1 && allFields(bySemicolon)) {
            return ';';
        }
        throw new CsvFormatException(name + ": this file uses ';' as separator; its header is not agent field"
                + " names split either way, so cnsh will not guess: use --delimiter ';' (or --delimiter ',')");
    }

    /** How messages name the separator. */
    static String describe(char sep) {
        return switch (sep) {
            case ',' -> "comma";
            case ';' -> "';'";
            case '\t' -> "tab";
            default -> "'" + sep + "'";
        };
    }

    /** The first line that is not blank (a header is one line; a quoted line break in it is rare). */
    private static String headerLine(String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /** The header's cells split by {@code sep}, or null when it is not well-formed that way. */
    private static List<String> cells(String name, String line, char sep) {
        try {
            List<CsvTable.Raw> records = CsvTable.records(name, line, sep);
            return records.isEmpty() ? null : records.get(0).cells();
        } catch (CsvFormatException e) {
            return null;
        }
    }

    private static boolean allFields(List<String> cells) {
        return cells.stream().allMatch(c -> AgentField.byWireName(c.strip()).isPresent());
    }
}
