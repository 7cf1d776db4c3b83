/**
 * The cnsh Groovy DSL. Reading: {@link io.cnsh.dsl.GroovyScanner} is the one Groovy scanner of
 * cnsh ({@link io.cnsh.dsl.GroovyToken}s); the rewriter, the shell's continuation lines, completion
 * and highlighting, and {@link io.cnsh.dsl.SecretMasker} all read source through it. Syntax:
 * {@link io.cnsh.dsl.DslSourceRewriter} (walking the tokens in {@code FormRewrite}) turns
 * {@code agents < verb args >} forms into closure calls on the resource while leaving all other
 * Groovy untouched and every line where it was, {@link io.cnsh.dsl.DslParserPluginFactory} runs it
 * inside Groovy's parser, {@link io.cnsh.dsl.DslCompiler} builds the one
 * {@link org.codehaus.groovy.control.CompilerConfiguration} every entry point compiles with, and
 * {@link io.cnsh.dsl.DslSyntaxException} reports a malformed form at the user's line. Semantics:
 * {@link io.cnsh.dsl.AgentsContext} is the {@code agents} resource (verbs, field checks),
 * {@link io.cnsh.dsl.AgentList} and {@link io.cnsh.dsl.WriteSummary} are its results,
 * {@link io.cnsh.dsl.Show} renders a value for a person, {@link io.cnsh.dsl.CnshScript} is the
 * script base class ({@code parseArgs}, {@code exit}) and {@link io.cnsh.dsl.ScriptRunner} compiles
 * and runs scripts, reporting failures as {@link io.cnsh.dsl.DslScriptException} at the user's
 * file and line; {@link io.cnsh.dsl.ScriptCache} keeps the class files of script files it has
 * compiled, so {@code cnsh run} of an unchanged script skips the compiler.
 */
package io.cnsh.dsl;
