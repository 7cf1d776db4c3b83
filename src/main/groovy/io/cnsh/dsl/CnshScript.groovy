package io.cnsh.dsl

import groovy.transform.PackageScope
import java.util.function.Consumer
import picocli.CommandLine

/**
 * The base class of every cnsh script: the binding holds {@code agents}, {@code cn}, {@code args},
 * {@code out} and {@code err}; {@link #parseArgs} reads the script's own options with picocli and
 * {@link #exit} ends the script with an exit code.
 *
 * <pre>
 * &#64;picocli.CommandLine.Command(description = 'Make agents admins')
 * class Options {
 *     &#64;picocli.CommandLine.Option(names = '--apply') boolean apply
 *     &#64;picocli.CommandLine.Parameters(paramLabel = 'USERNAME') List&lt;String&gt; users
 * }
 * def opts = parseArgs(new Options())
 * </pre>
 */
abstract class CnshScript extends Script {

    private String cnshScriptName
    private Consumer<ScriptExit> cnshOnExit

    /** Fills {@code options} (an object of a picocli-annotated class) from the script's arguments and returns it; {@code --help} prints usage and ends the script with 0, a bad argument ends it with 2. */
    def <T> T parseArgs(T options) {
        CommandLine cli = new CommandLine(options)
        if (cli.commandName == CommandLine.Model.CommandSpec.DEFAULT_COMMAND_NAME && cnshScriptName != null) {
            cli.commandName = cnshScriptName
        }
        addHelpOption(cli.commandSpec)
        PrintWriter out = binding.hasVariable('out') ? (PrintWriter) binding.getVariable('out') : new PrintWriter(System.out, true)
        PrintWriter err = binding.hasVariable('err') ? (PrintWriter) binding.getVariable('err') : new PrintWriter(System.err, true)
        String[] argv = binding.hasVariable('args') ? (binding.getVariable('args') as String[]) : new String[0]
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(argv)
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out)
                out.flush()
                exit(0)
            }
        } catch (CommandLine.ParameterException e) {
            err.println("${cli.commandName}: ${e.message}")
            err.println("Try '${cli.commandName} --help' for usage.")
            err.flush()
            exit(2)
        }
        options
    }

    /**
     * Ends the script with this exit code, a whole number from 0 to 255 (anything else ends it with 1
     * and says why). {@code catch (Exception e)} does not stop it; after {@code catch (Throwable t)}
     * every further write is refused and the script still ends with the code.
     */
    void exit(Object code) {
        ScriptExit exit = ScriptExit.of(code)
        cnshOnExit?.accept(exit)
        throw exit
    }

    /** Gives every script {@code -h}/{@code --help}, unless its options already have a help option or use those names. */
    private static void addHelpOption(CommandLine.Model.CommandSpec spec) {
        if (spec.options().any { it.usageHelp() }) {
            return
        }
        String[] names = ['-h', '--help'].findAll { spec.findOption(it) == null } as String[]
        if (names.length > 0) {
            spec.addOption(CommandLine.Model.OptionSpec.builder(names).usageHelp(true)
                    .description('Show this help message and exit.').build())
        }
    }

    /**
     * Groovy reads {@code exit -1} as {@code exit.minus(1)}: this property takes it to {@link #exit},
     * which refuses it, instead of a missing-variable error that a {@code catch} would swallow.
     */
    protected Object getExit() {
        new ExitOperand(this)
    }

    /** The value of {@code exit} used as an operand: {@code exit -1} calls {@code exit(-1)}. */
    private static final class ExitOperand {
        private final CnshScript script

        ExitOperand(CnshScript script) {
            this.script = script
        }

        def minus(Object n) {
            script.exit(n instanceof Number ? -(Number) n : "-${n}".toString())
        }

        @Override
        String toString() {
            'exit'
        }
    }

    /** Told of the script's exit before it is thrown, so that the runner holds it whatever catches it. */
    @PackageScope
    void onExit(Consumer<ScriptExit> action) {
        cnshOnExit = action
    }

    /** The name usage lines give the script when its options class names no command. */
    @PackageScope
    void scriptName(String name) {
        cnshScriptName = name
    }
}
