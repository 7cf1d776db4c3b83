package io.cnsh.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a report is written: for a terminal, for tools, for documents, or for a browser. */
public enum ReportFormat {
    /** Plain-text tables, with text bars for charts. */
    TABLE,
    /** One CSV table: a {@code section} column, then the report's columns. */
    CSV,
    /** One JSON document: title, notes, sections with rows as objects. */
    JSON,
    /** Markdown: headings and pipe tables. */
    MD,
    /** One self-contained HTML file with inline SVG bar charts (no scripts, no network). */
    HTML,
    /** XML; only agent exports have an XML form. */
    XML;

    /** The format of this name ({@code table}, {@code csv}, {@code json}, {@code md}, {@code html}, {@code xml}). */
    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown report format '" + name + "'; formats: "
                    + Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", ")));
        }
    }

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
