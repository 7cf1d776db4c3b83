/**
 * A local stand-in for ContactNow's API: {@link io.cnsh.sandbox.SandboxServer} answers
 * {@code token.php} and {@code database.php?method=agents} over HTTP (Jetty's core server, bounded
 * against slow and oversized requests) in JSON, XML and CSV, keeps
 * its agents in an embedded H2 database (in memory or under a data directory), starts from a
 * {@link io.cnsh.sandbox.Seed}, injects {@link io.cnsh.sandbox.Faults} on request and reports each
 * request to a {@link io.cnsh.sandbox.RequestLog} with secrets left out; it serves the REPL's
 * default target, the test fixtures and rehearsals of bulk changes, and knows the client only
 * through the wire, since it uses {@code model} and {@code wire} and nothing else of cnsh.
 */
package io.cnsh.sandbox;
