package io.cnsh.cli;

import io.cnsh.client.TokenManager;
import io.cnsh.model.TokenGrant;
import io.cnsh.wire.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cnsh token get|validate}: the token of the current target, its expiry and binding; never the token. */
@Command(name = "token", description = "Get or validate the API token of the target (the token itself is never shown).")
final class TokenCommand implements Callable<Integer>, TargetAware {

    @ParentCommand
    Main main;

    @Mixin
    TargetOptions target;

    @Parameters(paramLabel = "get|validate", description = "get: fetch (or reuse) a token; validate: ask the API whether it is valid.")
    String action;

    @Option(names = "--address", split = ",", paramLabel = "IP",
            description = "Bind the token to these internet addresses (at most 10, comma-separated) instead of this machine's.")
    List<String> address = new ArrayList<>();

    @Override
    public TargetOptions targetOptions() {
        return target;
    }

    @Override
    public Integer call() {
        if (!action.equals("get") && !action.equals("validate")) {
            throw new UsageException("token takes get or validate, not '" + action + "'");
        }
        try (Target t = Target.open(target.over(main.target), main.env(), main.err(), address)) {
            TokenManager tokens = t.client().tokens();
            tokens.token();
            TokenGrant grant = tokens.current().orElseThrow();
            String binding = tokens.address().map(a -> "bound to " + a).orElse("bound to this machine's address");
            if (action.equals("get")) {
                main.out().println("token for " + t.client().username() + " at " + t.label() + " valid until "
                        + grant.expire() + " (" + remaining(grant.expire()) + "), " + binding);
                return Main.OK;
            }
            Envelope e = tokens.validate();
            if (e.isSuccess()) {
                Instant until = Instant.ofEpochSecond(e.expire() == null ? 0 : e.expire());
                main.out().println("token valid until " + until + " (" + remaining(until) + "), " + binding);
                return Main.OK;
            }
            main.err().println("cnsh: token not valid: " + t.client().redact(String.valueOf(e.error())));
            return Main.ERROR;
        }
    }

    private static String remaining(Instant until) {
        Duration d = Duration.between(Instant.now(), until);
        if (d.isNegative()) {
            return "expired";
        }
        return "in " + d.toHours() + "h" + String.format("%02d", d.toMinutesPart()) + "m";
    }
}
