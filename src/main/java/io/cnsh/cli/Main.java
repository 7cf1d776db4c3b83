package io.cnsh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cnsh} command line. Parses the CLI contract with picocli and returns its exit code:
 * 0 ok, 1 error, 2 usage error, 3 partial failure, 4 a plan shows changes.
 */
@Command(name = "cnsh",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Admin toolkit for 8x8 ContactNow agent accounts.",
        subcommands = {SandboxCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok, or no changes",
            "1:error",
            "2:usage error",
            "3:partial failure (some records bad)",
            "4:a plan shows changes"})
public final class Main implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure. */
    public static final int ERROR = 1;
    /** Exit code for a usage mistake. */
    public static final int USAGE = 2;
    /** Exit code when some records of a write failed. */
    public static final int PARTIAL = 3;
    /** Exit code when a plan shows changes. */
    public static final int CHANGES = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs cnsh with these arguments and returns the exit code; never calls {@code System.exit}. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> ERROR);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cnsh " + (v == null ? "development" : v)};
        }
    }
}
