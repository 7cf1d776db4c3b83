/**
 * Rendering of agent lists for people: {@link io.cnsh.report.Table} fits agents to a terminal
 * width with secrets masked. Plain library code over the model, usable from Java and JShell.
 */
package io.cnsh.report;
