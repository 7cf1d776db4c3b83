package io.cnsh.repl;

import io.cnsh.dsl.GroovyScanner;
import io.cnsh.dsl.GroovyToken;
import io.cnsh.dsl.GroovyToken.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits the buffer for completion and decides when Enter runs it: an input that stops inside an
 * open {@code agents <} block, a bracket, a multi-line string or a block comment continues on the
 * next line (JLine shows the continuation prompt); a {@code /command} always runs.
 *
 * <p>Backslashes are not escape characters here: they belong to Groovy strings.
 */
final class ReplParser implements Parser {

    private final Set<String> commandNames;

    /** A parser that knows the names of the shell's commands ({@code /help}, {@code /connect}, ...). */
    ReplParser(Collection<String> commandNames) {
        this.commandNames = Set.copyOf(commandNames);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isCommand(line, commandNames) && Snippet.of(line).isIncomplete()) {
            throw new EOFError(-1, -1, "the input continues on the next line");
        }
        return Line.of(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /**
     * True when the buffer is a shell command such as {@code /help}: it starts with {@code /} and a
     * name followed by a space or the end of the line, where Groovy would read a slashy string,
     * and the name is one of {@code commandNames} or that string never closes (an unknown command,
     * reported as such). So {@code /help}, {@code /load /tmp/x.groovy} and {@code /nosuch} are
     * commands; {@code /x/}, {@code /a+/.matcher(s).matches()} and <code>/* note *&#47; 1</code> are Groovy.
     */
    static boolean isCommand(String line, Collection<String> commandNames) {
        GroovyToken slashy = commandShaped(line);
        if (slashy == null) {
            return false;
        }
        String name = line.substring(slashy.start(), nameEnd(line, slashy.start())).toLowerCase(Locale.ROOT);
        return commandNames.contains(name) || (slashy.kind() == Kind.STRING && !slashy.terminated());
    }

    /**
     * The slashy string that starts the line when it is {@code /} and a name followed by a space
     * or the end of the line (the shape of a command, known or not), or null.
     */
    private static GroovyToken commandShaped(String line) {
        List<GroovyToken> tokens = GroovyScanner.scan(line);
        if (tokens.isEmpty()) {
            return null;
        }
        GroovyToken first = tokens.get(0);
        boolean slashy = first.kind() == Kind.STRING || first.kind() == Kind.GSTRING_BEGIN;
        if (!slashy || line.charAt(first.start()) != '/') {
            return null;
        }
        int nameEnd = nameEnd(line, first.start());
        return nameEnd == line.length() || Character.isWhitespace(line.charAt(nameEnd)) ? first : null;
    }

    private static int nameEnd(String line, int slash) {
        int end = slash + 1;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '-')) {
            end++;
        }
        return end;
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

        /** The line split for completion: as a command when it has a command's shape, else as code. */
        static Line of(String line, int cursor) {
            boolean command = commandShaped(line) != null;
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
