/**
 * Reports over agent lists, for people and for tools: {@link io.cnsh.report.Table} fits agents (or
 * any rows) to a terminal width with secrets masked; a {@link io.cnsh.report.Report} is a titled list
 * of {@link io.cnsh.report.Section}s (rows plus an optional bar chart) rendered as a text table, CSV,
 * JSON, Markdown or one self-contained HTML file with inline SVG charts ({@link io.cnsh.report.ReportFormat});
 * {@link io.cnsh.report.AgentReports} defines the summary, security audit, duplicates and export
 * reports, and {@link io.cnsh.report.Pins} the weak-PIN rules. Plain library code over the model,
 * usable from Java and JShell.
 */
package io.cnsh.report;
