package io.cnsh.repl;

import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.dsl.DslSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern DECLARATION =
            Pattern.compile("([ \\t]*)(?:def|var)[ \\t]+([A-Za-z_$][\\w$]*)[ \\t]*(=(?![=~])|;|\\r?\\n|$)");

    private static final Pattern IMPORT = Pattern.compile("[ \\t]*import[ \\t]+(?:static[ \\t]+)?[\\w.$*]+(?:[ \\t]+as[ \\t]+[\\w$]+)?[ \\t]*(?=;|\\r?\\n|$)");

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
        String code = incomplete ? groovy : keepDeclarations(groovy, text.topLevelStatementStarts(), imports);
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

    private static String keepDeclarations(String groovy, List<Integer> starts, List<String> imports) {
        StringBuilder out = new StringBuilder(groovy);
        for (int k = starts.size() - 1; k >= 0; k--) {
            int at = starts.get(k);
            Matcher d = DECLARATION.matcher(groovy).region(at, groovy.length());
            if (d.lookingAt()) {
                String name = d.group(2);
                String end = d.group(3);
                String replacement = d.group(1) + name + (end.startsWith("=") ? " =" : " = null" + end);
                out.replace(at, d.end(), replacement);
                continue;
            }
            Matcher i = IMPORT.matcher(groovy).region(at, groovy.length());
            if (i.lookingAt()) {
                imports.add(0, i.group().strip());
            }
        }
        return out.toString();
    }
}
