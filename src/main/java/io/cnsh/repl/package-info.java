/**
 * The interactive cnsh shell, built on JLine: {@link io.cnsh.repl.ReplLauncher} assembles it in
 * stages (terminal, session, parser, completer, highlighter, history, reader, loop) and runs it
 * until {@code /exit} or Ctrl-D, returning an exit code; {@link io.cnsh.repl.ReplTarget} says where
 * requests go (its client may open in the background, after the first prompt) and
 * {@link io.cnsh.repl.Connector} lets the caller open other targets for {@code /connect}. Inside:
 * the evaluator keeps one Groovy binding for the session and runs each input on a worker thread
 * that Ctrl-C abandons, the printer shows agent lists as tables fitted to the terminal, the
 * completer works from memory and a background-refreshed cache of live names, and the history
 * masks pins and passwords before a line is kept. JLine types stay in this package.
 */
package io.cnsh.repl;
