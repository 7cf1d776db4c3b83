/** The {@code cnsh} command line: {@link io.cnsh.cli.Main} parses the CLI contract with picocli. */
package io.cnsh.cli;
