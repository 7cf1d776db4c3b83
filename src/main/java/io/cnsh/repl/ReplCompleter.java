package io.cnsh.repl;

import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.dsl.GroovyScanner;
import io.cnsh.dsl.GroovyToken;
import io.cnsh.dsl.GroovyToken.Kind;
import io.cnsh.model.AgentField;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion, from what is already in memory, so that a Tab never waits on the network:
 * commands and their arguments; inside {@code agents < … >} the verbs, then field names (with
 * their rule as description), then a field's known values, live usernames and agentids (from
 * {@link LiveNames}), and field names for {@code sort:}; elsewhere the resource names and the
 * session's variables. Candidates are not filtered here: JLine matches them against the word.
 */
final class ReplCompleter implements Completer {

    private static final Pattern VALUE_POSITION = Pattern.compile("([A-Za-z_]\\w*)\\s*:\\s*(['\"]?[^'\",\\s]*)$");
    private static final Pattern NAME_POSITION = Pattern.compile("(?:^|[\\s,(\\[])[A-Za-z_]\\w*$|(?:^|[,(\\[])\\s*$|^\\s+$");
    private static final Pattern VERB_AND_ARGS = Pattern.compile("^\\s*([A-Za-z_]\\w*)(\\s.*)?$", Pattern.DOTALL);

    private final Map<String, ReplCommand> commands;
    private final Supplier<Collection<String>> variables;
    private final Supplier<LiveNames.Snapshot> names;

    ReplCompleter(Map<String, ReplCommand> commands, Supplier<Collection<String>> variables,
                  Supplier<LiveNames.Snapshot> names) {
        this.commands = commands;
        this.variables = variables;
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(candidates(line.line().substring(0, line.cursor())));
    }

    /** The candidates for a buffer whose text before the cursor is {@code head}. */
    List<Candidate> candidates(String head) {
        if (ReplParser.isCommand(head, commands.keySet())) {
            return commandCandidates(head.stripLeading());
        }
        Optional<String> form = openForm(head);
        if (form.isPresent()) {
            return formCandidates(form.get());
        }
        if (afterResourceDot(head)) {
            List<Candidate> out = new ArrayList<>();
            for (String verb : AgentsContext.getVERBS()) {
                out.add(new Candidate(verb + "(", verb, "verbs", null, null, null, false));
            }
            return out;
        }
        List<Candidate> out = new ArrayList<>();
        for (String resource : DslSourceRewriter.DEFAULT_RESOURCES) {
            out.add(new Candidate(resource, resource, "resources", "agent records: " + resource + " < read >", null, null, true));
        }
        for (String v : variables.get()) {
            if (!DslSourceRewriter.DEFAULT_RESOURCES.contains(v)) {
                out.add(new Candidate(v, v, "variables", null, null, null, true));
            }
        }
        return out;
    }

    private List<Candidate> commandCandidates(String head) {
        int space = head.indexOf(' ');
        List<Candidate> out = new ArrayList<>();
        if (space < 0) {
            for (ReplCommand c : commands.values()) {
                out.add(new Candidate(c.name(), c.name(), null, c.description(), null, null, true));
            }
            return out;
        }
        ReplCommand command = commands.get(head.substring(0, space));
        return command == null ? out : command.completer().complete(head.substring(space + 1).stripLeading());
    }

    /** True when {@code head} ends with a resource name, a dot and maybe the start of a name: {@code agents.re}. */
    private static boolean afterResourceDot(String head) {
        List<GroovyToken> tokens = GroovyScanner.scan(head);
        int last = tokens.size() - 1;
        int k = last >= 0 && tokens.get(last).kind() == Kind.IDENTIFIER ? last - 1 : last;
        if (k < 1 || !tokens.get(k).is(Kind.OPERATOR, ".", head) || tokens.get(last).end() != head.length()
                || tokens.get(k).end() != (k == last ? head.length() : tokens.get(last).start())) {
            return false;
        }
        GroovyToken resource = tokens.get(k - 1);
        boolean member = k >= 2 && tokens.get(k - 2).kind() == Kind.OPERATOR
                && GroovyScanner.MEMBER_ACCESS.contains(tokens.get(k - 2).text(head));
        return resource.kind() == Kind.IDENTIFIER && !member && resource.end() == tokens.get(k).start()
                && DslSourceRewriter.DEFAULT_RESOURCES.contains(resource.text(head));
    }

    /** The text after the {@code <} of the innermost form still open at the end of {@code head}, read from its tokens. */
    private static Optional<String> openForm(String head) {
        List<GroovyToken> tokens = GroovyScanner.scan(head);
        Deque<int[]> forms = new ArrayDeque<>();
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            GroovyToken t = tokens.get(k);
            switch (t.kind()) {
                case OPEN, GSTRING_BEGIN -> depth++;
                case CLOSE, GSTRING_END -> depth = Math.max(0, depth - 1);
                case IDENTIFIER -> {
                    boolean member = k > 0 && tokens.get(k - 1).kind() == Kind.OPERATOR
                            && GroovyScanner.MEMBER_ACCESS.contains(tokens.get(k - 1).text(head));
                    if (!member && DslSourceRewriter.DEFAULT_RESOURCES.contains(t.text(head))
                            && k + 1 < tokens.size() && tokens.get(k + 1).is(Kind.OPERATOR, "<", head)) {
                        forms.push(new int[] {tokens.get(++k).end(), depth});
                    }
                }
                case OPERATOR -> {
                    if (t.is(Kind.OPERATOR, ">", head) && !forms.isEmpty() && forms.peek()[1] == depth) {
                        forms.pop();
                    }
                }
                default -> { }
            }
        }
        return forms.isEmpty() ? Optional.empty() : Optional.of(head.substring(forms.peek()[0]));
    }

    private List<Candidate> formCandidates(String tail) {
        int cut = Math.max(tail.lastIndexOf('\n'), tail.lastIndexOf(';'));
        String statement = tail.substring(cut + 1);
        Matcher verbAndArgs = VERB_AND_ARGS.matcher(statement);
        if (!verbAndArgs.matches() || verbAndArgs.group(2) == null) {
            return verbCandidates();
        }
        String verb = verbAndArgs.group(1);
        String args = verbAndArgs.group(2);
        Matcher value = VALUE_POSITION.matcher(args);
        if (value.find()) {
            String typed = value.group(2);
            return valueCandidates(value.group(1), typed.startsWith("\"") ? '"' : '\'');
        }
        if (!insideString(args) && NAME_POSITION.matcher(args).find()) {
            return nameCandidates(verb);
        }
        return List.of();
    }

    /** True when the text ends inside a string that is still open. */
    private static boolean insideString(String text) {
        List<GroovyToken> tokens = GroovyScanner.scan(text);
        GroovyToken last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        return last != null && last.kind().isString() && !last.terminated() && last.end() == text.length();
    }

    private static List<Candidate> verbCandidates() {
        List<Candidate> out = new ArrayList<>();
        for (String verb : AgentsContext.getVERBS()) {
            out.add(new Candidate(verb, verb, "verbs", null, null, null, true));
        }
        return out;
    }

    private static List<Candidate> nameCandidates(String verb) {
        List<Candidate> out = new ArrayList<>();
        for (AgentField f : AgentField.values()) {
            if (verb.equals("create") && f == AgentField.AGENTID) {
                continue;
            }
            out.add(new Candidate(f.wireName() + ":", f.wireName(), "fields", f.ruleDescription(), null, null, true));
        }
        if (verb.equals("read")) {
            for (String option : AgentsContext.getREAD_OPTIONS()) {
                out.add(new Candidate(option + ":", option, "read options", null, null, null, true));
            }
        }
        return out;
    }

    private List<Candidate> valueCandidates(String name, char quote) {
        List<Candidate> out = new ArrayList<>();
        switch (name) {
            case "sort" -> {
                for (String field : AgentField.wireNames()) {
                    out.add(value(quote + field + quote, field, "fields"));
                }
                return out;
            }
            case "all" -> {
                out.add(value("true", "true", null));
                return out;
            }
            case "username" -> {
                for (String u : names.get().usernames()) {
                    out.add(value(quote + u + quote, u, "usernames"));
                }
            }
            case "agentid" -> {
                for (String id : names.get().agentids()) {
                    out.add(value(id, id, "agentids"));
                }
            }
            default -> { }
        }
        AgentField.byWireName(name).ifPresent(f -> {
            boolean digits = f.check("0").isEmpty() && f.check("x").isPresent();
            for (String known : f.knownValues()) {
                out.add(value(digits ? known : quote + known + quote, known, "known values"));
            }
        });
        return out;
    }

    private static Candidate value(String value, String display, String group) {
        return new Candidate(value, display, group, null, null, null, true);
    }
}
