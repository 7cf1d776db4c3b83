package io.cnsh.repl;

import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.dsl.DslSyntaxException;
import io.cnsh.dsl.GroovyToken;
import io.cnsh.dsl.GroovyToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * One input of the shell (a line, or several joined by continuation) made ready to evaluate in a
 * binding that lives as long as the session.
 *
 * <p>Groovy makes {@code def x = 1} a local of the script that runs one line, so the next line
 * would not see it. Like groovysh, the shell keeps such variables: a {@code def} or {@code var}
 * that starts a statement at the top level and declares one plain name loses its keyword
 * ({@code def x = 1} runs as {@code x = 1}, {@code def x} as {@code x = null}), which makes it a
 * binding variable. Declarations inside brackets, closures and {@code agents < … >} blocks stay
 * local, and so do typed declarations ({@code String s = …}) and methods. Import statements are
 * remembered and put in front of later inputs, on their first line so that line numbers stay.
 */
final class Snippet {

    private static final DslSourceRewriter REWRITER = new DslSourceRewriter();

    private final String input;
    private final String code;
    private final List<String> imports;
    private final boolean incomplete;

    private Snippet(String input, String code, List<String> imports, boolean incomplete) {
        this.input = input;
        this.code = code;
        this.imports = List.copyOf(imports);
        this.incomplete = incomplete;
    }

    /** Reads one input. */
    static Snippet of(String input) {
        String groovy;
        boolean openForm = false;
        try {
            groovy = REWRITER.rewrite(input);
        } catch (DslSyntaxException e) {
            // Compiled as typed: the runner reports the form at the user's line.
            openForm = e.atEndOfInput();
            groovy = input;
        }
        GroovyText text = GroovyText.of(groovy);
        boolean incomplete = openForm || text.isOpen();
        List<String> imports = new ArrayList<>();
        String code = incomplete ? groovy : keepDeclarations(groovy, text, imports);
        return new Snippet(input, code, imports, incomplete);
    }

    /** True when the input stops inside an {@code agents <} block, a bracket, a triple-quoted string or a comment. */
    boolean isIncomplete() {
        return incomplete;
    }

    /** The text as typed. */
    String input() {
        return input;
    }

    /** The Groovy to run, with earlier imports in front of its first line. */
    String code(List<String> earlierImports) {
        if (earlierImports.isEmpty()) {
            return code;
        }
        return String.join("; ", earlierImports) + "; " + code;
    }

    /** The import statements of this input, to be remembered for the next ones. */
    List<String> imports() {
        return imports;
    }

    private static String keepDeclarations(String groovy, GroovyText text, List<String> imports) {
        List<GroovyToken> tokens = text.tokens();
        List<Integer> starts = text.topLevelStatementStarts();
        StringBuilder out = new StringBuilder(groovy);
        int k = tokens.size();
        for (int s = starts.size() - 1; s >= 0; s--) {
            int at = starts.get(s);
            while (k > 0 && tokens.get(k - 1).start() >= at) {
                k--;
            }
            if (k >= tokens.size() || !groovy.substring(at, tokens.get(k).start()).isBlank()) {
                continue;
            }
            if (!declaration(groovy, tokens, k, out)) {
                importAt(groovy, tokens, k, imports);
            }
        }
        return out.toString();
    }

    /** {@code def x = …}, {@code def x;} or {@code def x} at token {@code k} loses its keyword in {@code out}. */
    private static boolean declaration(String groovy, List<GroovyToken> tokens, int k, StringBuilder out) {
        GroovyToken keyword = tokens.get(k);
        boolean declares = keyword.is(Kind.KEYWORD, "def", groovy) || keyword.is(Kind.KEYWORD, "var", groovy);
        if (!declares || k + 1 >= tokens.size() || tokens.get(k + 1).kind() != Kind.IDENTIFIER) {
            return false;
        }
        GroovyToken name = tokens.get(k + 1);
        GroovyToken after = k + 2 < tokens.size() ? tokens.get(k + 2) : null;
        if (after != null && after.is(Kind.OPERATOR, "=", groovy)) {
            out.replace(keyword.start(), after.end(), name.text(groovy) + " =");
            return true;
        }
        if (after == null || after.kind() == Kind.NEWLINE || after.is(Kind.OPERATOR, ";", groovy)) {
            out.replace(keyword.start(), name.end(), name.text(groovy) + " = null");
            return true;
        }
        return false;
    }

    /** Remembers {@code import [static] a.b.C [as D]} at token {@code k}, when the statement is only that. */
    private static void importAt(String groovy, List<GroovyToken> tokens, int k, List<String> imports) {
        if (!tokens.get(k).is(Kind.KEYWORD, "import", groovy)) {
            return;
        }
        int j = k + 1;
        if (j < tokens.size() && tokens.get(j).is(Kind.KEYWORD, "static", groovy)) {
            j++;
        }
        boolean name = true;
        int last = -1;
        while (j < tokens.size()) {
            GroovyToken t = tokens.get(j);
            boolean part = name ? t.kind() == Kind.IDENTIFIER || t.is(Kind.OPERATOR, "*", groovy)
                    : t.is(Kind.OPERATOR, ".", groovy);
            if (!part) {
                break;
            }
            last = name ? j : last;
            name = !name;
            j++;
        }
        if (last < 0 || last != j - 1) {
            return;
        }
        if (j + 1 < tokens.size() && tokens.get(j).is(Kind.KEYWORD, "as", groovy) && tokens.get(j + 1).kind() == Kind.IDENTIFIER) {
            last = j + 1;
            j += 2;
        }
        boolean ends = j >= tokens.size() || tokens.get(j).kind() == Kind.NEWLINE || tokens.get(j).is(Kind.OPERATOR, ";", groovy);
        if (ends) {
            imports.add(0, groovy.substring(tokens.get(k).start(), tokens.get(last).end()));
        }
    }
}
