package io.cnsh.bulk;

/**
 * A CSV file is not a well-formed table of UTF-8 text: bytes that are not UTF-8, an unclosed quote,
 * a duplicate or empty column name, a row with more or fewer cells than the header. The message
 * names the file and the row (as a spreadsheet numbers it, header = row 1).
 */
public class CsvFormatException extends BulkException {

    public CsvFormatException(String message) {
        super(message);
    }
}
