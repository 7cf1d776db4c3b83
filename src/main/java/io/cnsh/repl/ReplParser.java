package io.cnsh.repl;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits the buffer for completion and decides when Enter runs it: an input that stops inside an
 * open {@code agents <} block, a bracket, a triple-quoted string or a block comment continues on
 * the next line (JLine shows the continuation prompt); a {@code /command} always runs.
 *
 * <p>Backslashes are not escape characters here: they belong to Groovy strings.
 */
final class ReplParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isCommand(line) && Snippet.of(line).isIncomplete()) {
            throw new EOFError(-1, -1, "the input continues on the next line");
        }
        return Line.of(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** True when the buffer is a shell command such as {@code /help}. */
    static boolean isCommand(String line) {
        return line.stripLeading().startsWith("/");
    }

    /**
     * The buffer split into words. In a command, words are separated by spaces (so that file names
     * keep their dots and slashes); in code, a word is a Groovy identifier or number, with the
     * quote that opens it when the cursor is inside a string.
     */
    record Line(String line, int cursor, List<String> words, int wordIndex, String word, int wordCursor)
            implements CompletingParsedLine {

        /** Candidates go in as they are: value candidates carry their own quotes. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }

        static Line of(String line, int cursor) {
            boolean command = isCommand(line);
            int start = cursor;
            while (start > 0 && isWordChar(line.charAt(start - 1), command)) {
                start--;
            }
            if (!command && start > 0 && (line.charAt(start - 1) == '\'' || line.charAt(start - 1) == '"')) {
                start--;
            }
            int end = cursor;
            while (end < line.length() && isWordChar(line.charAt(end), command)) {
                end++;
            }
            List<String> words = new ArrayList<>();
            int index = -1;
            int i = 0;
            while (i <= line.length()) {
                if (i == start) {
                    index = words.size();
                    words.add(line.substring(start, end));
                    i = Math.max(end, start + 1);
                    continue;
                }
                if (i == line.length() || !isWordChar(line.charAt(i), command)) {
                    i++;
                    continue;
                }
                int s = i;
                while (i < line.length() && i != start && isWordChar(line.charAt(i), command)) {
                    i++;
                }
                words.add(line.substring(s, i));
            }
            return new Line(line, cursor, List.copyOf(words), index, line.substring(start, end), cursor - start);
        }

        private static boolean isWordChar(char c, boolean command) {
            if (command) {
                return !Character.isWhitespace(c);
            }
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
