/**
 * The cnsh Groovy DSL's syntax: {@link io.cnsh.dsl.DslSourceRewriter} turns
 * {@code agents < verb args >} forms into closure calls on the resource while leaving all other
 * Groovy untouched and every line where it was, {@link io.cnsh.dsl.DslParserPluginFactory} runs it
 * inside Groovy's parser, {@link io.cnsh.dsl.DslCompiler} builds the one
 * {@link org.codehaus.groovy.control.CompilerConfiguration} every entry point compiles with, and
 * {@link io.cnsh.dsl.DslSyntaxException} reports a malformed form at the user's line.
 */
package io.cnsh.dsl;
