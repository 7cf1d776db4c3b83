package io.cnsh.repl;

import io.cnsh.wire.Format;
import java.util.Arrays;

/**
 * The commands that change where requests go: {@code /connect} another target, {@code /format}
 * to switch the wire format, {@code /login} to type the current target's API password. Each opens
 * the new target through the caller's {@link Connector} and hands it to the session.
 */
final class TargetCommands {

    private final ReplSession session;
    private final Connector connector;

    TargetCommands(ReplSession session, Connector connector) {
        this.session = session;
        this.connector = connector;
    }

    void connect(String name) {
        if (name.isEmpty()) {
            session.printer().error(ReplText.usage("/connect", "PROFILE|sandbox"));
            return;
        }
        session.connected(connector.connect(name, null, null), name);
    }

    void format(String name) {
        Format f;
        try {
            f = Format.parse(name);
        } catch (IllegalArgumentException e) {
            f = null;
        }
        if (f == null || f == Format.CSV) {
            session.printer().error(ReplText.usage("/format", "json|xml"));
            return;
        }
        session.connected(connector.connect(session.targetName(), f, null), session.targetName());
    }

    void login() {
        ReplTarget target = session.target();
        if (target.isSandbox()) {
            session.printer().info(ReplText.NO_LOGIN_ON_SANDBOX);
            return;
        }
        String typed = session.ask(ReplText.loginPrompt(target.label()), '*');
        if (typed.isEmpty()) {
            session.printer().info(ReplText.LOGIN_EMPTY);
            return;
        }
        char[] password = typed.toCharArray();
        ReplTarget next;
        try {
            next = connector.connect(session.targetName(), target.format(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        session.connected(next, session.targetName());
    }
}
