package io.cnsh.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The target options of the CLI contract, accepted by every command before or after the
 * subcommand name. A value given after the subcommand wins over one given before it.
 */
public final class TargetOptions {

    @Option(names = "--sandbox", description = "Use an in-process sandbox (the default when nothing is configured).")
    Boolean sandbox;

    @Option(names = "--sandbox-data", paramLabel = "DIR", description = "Data directory of the in-process sandbox (default $CNSH_HOME/sandbox).")
    Path sandboxData;

    @Option(names = "--profile", paramLabel = "NAME", description = "A named profile from $CNSH_HOME/config.")
    String profile;

    @Option(names = "--base-url", paramLabel = "URL", description = "API base URL, or eu / us; password from CNSH_PASSWORD or a prompt.")
    String baseUrl;

    @Option(names = "--username", paramLabel = "U", description = "API username for --base-url.")
    String username;

    @Option(names = "--format", paramLabel = "json|xml", description = "Wire format (default json).")
    String format;

    @Option(names = "--debug", description = "Log every request and answer to stderr (secrets masked).")
    Boolean debug;

    @Option(names = "--trace", description = "Show the stack trace of an error.")
    Boolean trace;

    /** These options with the unset ones taken from {@code outer}. */
    TargetOptions over(TargetOptions outer) {
        TargetOptions t = new TargetOptions();
        t.sandbox = sandbox != null ? sandbox : outer.sandbox;
        t.sandboxData = sandboxData != null ? sandboxData : outer.sandboxData;
        t.profile = profile != null ? profile : outer.profile;
        t.baseUrl = baseUrl != null ? baseUrl : outer.baseUrl;
        t.username = username != null ? username : outer.username;
        t.format = format != null ? format : outer.format;
        t.debug = debug != null ? debug : outer.debug;
        t.trace = trace != null ? trace : outer.trace;
        return t;
    }

    boolean debug() {
        return Boolean.TRUE.equals(debug);
    }

    boolean trace() {
        return Boolean.TRUE.equals(trace);
    }
}
