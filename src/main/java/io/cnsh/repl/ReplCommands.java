package io.cnsh.repl;

import io.cnsh.client.CnshHome;
import io.cnsh.client.Profiles;
import io.cnsh.model.AgentField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;

/**
 * The shell's command table, declared in one place: each command's name, arguments, description,
 * handler and argument completion, in the order {@code /help} lists them. The handlers live by
 * what they act on: the target ({@link TargetCommands}), the display ({@link DisplayCommands}),
 * the session's inputs, errors and end ({@link SessionCommands}); {@code /help} is here, since it
 * reads the table.
 */
final class ReplCommands {

    private final Map<String, ReplCommand> table = new LinkedHashMap<>();
    private final Printer printer;
    private final CnshHome home;
    private final HelpTopics help = new HelpTopics(ReplCommands.class.getClassLoader());

    private ReplCommands(Printer printer, CnshHome home) {
        this.printer = printer;
        this.home = home;
    }

    /** The table for one session; {@code connector} opens the targets of {@code /connect}. */
    static Map<String, ReplCommand> table(ReplSession session, Connector connector, CnshHome home) {
        ReplCommands c = new ReplCommands(session.printer(), home);
        TargetCommands target = new TargetCommands(session, connector);
        DisplayCommands display = new DisplayCommands(session);
        SessionCommands own = new SessionCommands(session);
        c.add("/help", "[TOPIC|/COMMAND]", "this help, a command's, or a DSL page (topics from dsl-docs)",
                c::help, before -> words(join(c.help.names(), c.commandNames())));
        c.add("/connect", "PROFILE|sandbox", "send requests to a profile of $CNSH_HOME/config or the sandbox",
                target::connect, before -> words(join(c.profileNames(), List.of(Connector.SANDBOX))));
        c.add("/login", "", "type the API password of the current target (not echoed, not kept)",
                args -> target.login(), ReplCommand.ArgCompleter.NONE);
        c.add("/format", "json|xml", "switch the wire format of the current target",
                target::format, before -> words(List.of("json", "xml")));
        c.add("/columns", "[default|FIELD...]", "show or choose the columns of agent tables",
                display::columns, before -> words(join(List.copyOf(AgentField.wireNames()), List.of("default"))));
        c.add("/reveal", "on|off", "show or mask pins and passwords in output",
                display::reveal, before -> words(List.of("on", "off")));
        c.add("/dry-run", "on|off", "hold creates and updates back and print them as a plan (the prompt says so)",
                own::dryRun, before -> words(List.of("on", "off")));
        c.add("/load", "FILE", "run a file of cnsh code in this session",
                own::load, FileCandidates::complete);
        c.add("/save", "FILE", "save this session's inputs to a file (secrets masked)",
                own::save, FileCandidates::complete);
        c.add("/history", "[N]", "the last N lines of history (all by default)",
                own::history, ReplCommand.ArgCompleter.NONE);
        c.add("/trace", "", "the stack trace of the last error",
                args -> own.trace(), ReplCommand.ArgCompleter.NONE);
        c.add("/exit", "[CODE]", "leave the shell (Ctrl-D does too)",
                own::exit, ReplCommand.ArgCompleter.NONE);
        return Collections.unmodifiableMap(c.table);
    }

    private void add(String name, String args, String description, ReplCommand.Action action,
                     ReplCommand.ArgCompleter completer) {
        table.put(name, new ReplCommand(name, args, description, action, completer));
    }

    private void help(String topic) {
        if (topic.isEmpty()) {
            List<String> lines = new ArrayList<>(ReplText.helpIntro().lines().toList());
            lines.add("");
            lines.add("Commands:");
            int width = table.values().stream().mapToInt(c -> (c.name() + " " + c.args()).length()).max().orElse(10);
            for (ReplCommand c : table.values()) {
                String head = (c.name() + " " + c.args()).strip();
                lines.add("  " + head + " ".repeat(width - head.length() + 2) + c.description());
            }
            List<String> topics = help.names();
            if (!topics.isEmpty()) {
                lines.add("");
                lines.add("Topics (/help TOPIC): " + String.join(", ", topics));
            }
            printer.page(lines);
            return;
        }
        String key = topic.startsWith("/") ? topic : "/" + topic;
        ReplCommand c = table.get(key);
        if (c != null && help.page(topic).isEmpty()) {
            printer.info(ReplText.usage(c.name(), c.args()));
            printer.info("  " + c.description());
            return;
        }
        help.page(topic).ifPresentOrElse(
                page -> printer.page(page.lines().toList()),
                () -> printer.error(ReplText.noTopic(topic, help.names())));
    }

    private List<String> profileNames() {
        try {
            return List.copyOf(Profiles.load(home).names());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<String> commandNames() {
        return table.keySet().stream().map(n -> n.substring(1)).toList();
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Candidate> words(List<String> words) {
        return words.stream().map(w -> new Candidate(w, w, null, null, null, null, true)).toList();
    }
}
