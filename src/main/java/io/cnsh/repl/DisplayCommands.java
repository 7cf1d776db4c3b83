package io.cnsh.repl;

import io.cnsh.model.AgentField;
import io.cnsh.report.Table;
import java.util.Arrays;
import java.util.List;

/**
 * The commands that change how values are shown: {@code /columns} of agent tables and
 * {@code /reveal} of pins and passwords. The settings themselves belong to the session, which
 * prints every value.
 */
final class DisplayCommands {

    private final ReplSession session;

    DisplayCommands(ReplSession session) {
        this.session = session;
    }

    void columns(String args) {
        Printer printer = session.printer();
        if (args.isEmpty()) {
            printer.info(ReplText.columns(session.columns()));
            return;
        }
        if (args.equals("default")) {
            session.columns(Table.DEFAULT_COLUMNS);
            printer.info(ReplText.columns(session.columns()));
            return;
        }
        List<String> chosen = Arrays.asList(args.split("[\\s,]+"));
        for (String c : chosen) {
            if (!AgentField.wireNames().contains(c)) {
                printer.error(ReplText.unknownColumn(c));
                return;
            }
        }
        session.columns(List.copyOf(chosen));
        printer.info(ReplText.columns(session.columns()));
    }

    void reveal(String args) {
        Printer printer = session.printer();
        if (!args.equals("on") && !args.equals("off")) {
            printer.error(ReplText.usage("/reveal", "on|off"));
            return;
        }
        boolean on = args.equals("on");
        session.reveal(on);
        if (on) {
            printer.warning(ReplText.revealed(true));
        } else {
            printer.info(ReplText.revealed(false));
        }
    }
}
