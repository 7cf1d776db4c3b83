package io.cnsh.repl;

import java.nio.file.Path;
import java.util.List;

/** Every sentence the shell says to its user, in one place. */
final class ReplText {

    private ReplText() {
    }

    static String prompt(String label) {
        return "cnsh " + label + "> ";
    }

    /** The prompt while {@code /dry-run on}: writes are held back and shown as a plan. */
    static String prompt(String label, boolean dryRun) {
        return dryRun ? "cnsh " + label + " (dry run)> " : prompt(label);
    }

    static String dryRun(boolean on) {
        return on ? "dry run on: creates and updates are not sent; each input prints what it would have sent"
                : "dry run off: creates and updates are sent again";
    }

    /** The prompt of a continuation line, right-aligned under the first prompt. */
    static String continuation(String prompt) {
        return " ".repeat(Math.max(0, prompt.length() - 5)) + "...> ";
    }

    static String bannerTitle(String version) {
        return version + ", the ContactNow agent shell";
    }

    static String bannerWhere(ReplTarget t) {
        if (t.isSandbox()) {
            return "writes go to the SANDBOX (" + t.where() + "), wire format " + t.format().wireName();
        }
        if (t.isProduction()) {
            return "writes go to PRODUCTION: " + t.where() + ", wire format " + t.format().wireName();
        }
        return "writes go to " + t.where() + ", wire format " + t.format().wireName();
    }

    static final String BANNER_HINTS =
            "Try: agents < read limit: 5 >   /help for commands and topics, Tab completes, Ctrl-C cancels, Ctrl-D exits";

    static final String CANCELLED = "cancelled";

    /** An input from a pipe still open (a block, bracket or string) when the input ended. */
    static String unclosedAtEnd(int line, String start) {
        return "line " + line + ": input ended inside the input that starts there ('" + start
                + "'): a block, bracket or string is not closed; nothing of it ran";
    }

    static String exitRange(String code) {
        return "/exit takes a code from 0 to 255, got " + code;
    }

    static String createdAgent(Object key) {
        return "created agent " + key;
    }

    static String notConnected(String reason) {
        return "not connected: " + reason + " (use /connect PROFILE or /connect sandbox)";
    }

    static String connected(ReplTarget t) {
        return "connected: " + bannerWhere(t);
    }

    static final String NO_TRACE = "no error yet";

    static String historyNotMasked(Path file, String reason) {
        return "the history file " + file + " may still show a secret typed earlier: it cannot be rewritten ("
                + reason + "); free the space and type any line, or delete the file";
    }

    static final String NO_LOGIN_ON_SANDBOX = "the sandbox needs no login";

    static String loginPrompt(String label) {
        return "API password for " + label + ": ";
    }

    static final String LOGIN_EMPTY = "no password given; still on the same target";

    static String revealed(boolean on) {
        return on ? "pins and passwords are now SHOWN in output" : "pins and passwords are masked in output";
    }

    static String columns(List<String> columns) {
        return "columns: " + String.join(" ", columns);
    }

    static String unknownColumn(String name) {
        return "unknown column '" + name + "' (columns are field names; /columns default restores the default)";
    }

    static String saved(int lines, String file) {
        return "saved " + lines + " line" + (lines == 1 ? "" : "s") + " to " + file + " (pin and password values masked)";
    }

    static String unknownCommand(String name) {
        return "unknown command " + name + " (/help lists the commands)";
    }

    static String usage(String name, String args) {
        return "usage: " + name + (args.isEmpty() ? "" : " " + args);
    }

    static String noTopic(String topic, List<String> topics) {
        return "no help topic '" + topic + "' (topics: " + String.join(", ", topics) + ")";
    }

    static final String MORE = "-- more -- space: next page, enter: next line, q: stop";

    static String helpIntro() {
        return """
                Type cnsh code: Groovy plus the agents < verb args > form. The value of a line is shown:
                agent lists as tables, writes as one line, errors as one red line (/trace for details).

                  agents < read limit: 5 >
                  agents < read auth_level: 'admin', sort: 'name' >
                  def id = agents < create name: 'Joe Bloggs', username: 'jbloggs', pin: '482913' >
                  agents < update agentid: id, auth_level: 'supervisor' >
                  admins = agents < read auth_level: 'admin' >; admins.size()

                An open agents < block or bracket continues on the next line. Variables (also def x = …)
                stay for the session. Tab completes verbs, field names, known values, usernames and
                agentids; Ctrl-R searches the history; Ctrl-C cancels a request or the line.

                The session's creates and updates are journaled as one run (per target) in
                $CNSH_HOME/runs; cnsh runs list shows it and cnsh runs revert ID takes them back (fields
                of agents read before they were changed; an agent created is marked deleted).
                """;
    }
}
