package io.cnsh.dsl

import picocli.CommandLine

/**
 * The base class of every cnsh script: the binding holds {@code agents}, {@code cn}, {@code args},
 * {@code out} and {@code err}; {@link #parseArgs} reads the script's own options with picocli and
 * {@link #exit} ends the script with an exit code.
 *
 * <pre>
 * &#64;picocli.CommandLine.Command(name = 'promote.groovy', description = 'Make agents admins')
 * class Options {
 *     &#64;picocli.CommandLine.Option(names = '--apply') boolean apply
 *     &#64;picocli.CommandLine.Parameters(paramLabel = 'USERNAME') List&lt;String&gt; users
 * }
 * def opts = parseArgs(new Options())
 * </pre>
 */
abstract class CnshScript extends Script {

    /**
     * Fills {@code options} (a class with picocli annotations) from the script's arguments.
     * {@code --help} prints usage and ends the script with 0; a bad argument prints one line and
     * ends it with 2.
     */
    def <T> T parseArgs(T options) {
        CommandLine cli = new CommandLine(options)
        PrintWriter out = binding.hasVariable('out') ? (PrintWriter) binding.getVariable('out') : new PrintWriter(System.out, true)
        PrintWriter err = binding.hasVariable('err') ? (PrintWriter) binding.getVariable('err') : new PrintWriter(System.err, true)
        String[] argv = binding.hasVariable('args') ? (binding.getVariable('args') as String[]) : new String[0]
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(argv)
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out)
                out.flush()
                throw new ScriptExit(0)
            }
        } catch (CommandLine.ParameterException e) {
            err.println("${cli.commandName}: ${e.message}")
            err.println("Try '${cli.commandName} --help' for usage.")
            err.flush()
            throw new ScriptExit(2)
        }
        options
    }

    /** Ends the script with this exit code. */
    void exit(int code) {
        throw new ScriptExit(code)
    }
}
