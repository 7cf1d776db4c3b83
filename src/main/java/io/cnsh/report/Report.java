package io.cnsh.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A report: a title, a few lines of notes, the columns every section shares, and the sections.
 * {@link #render(ReportFormat)} writes it as a text table, CSV, JSON, Markdown or HTML.
 *
 * <pre>{@code
 * Report r = Report.builder("summary", "Summary of 38 agents").columns("value", "agents", "share")
 *         .note("deleted and system agents left out")
 *         .section(new Section("auth_level", "Agents by auth_level", rows, bars))
 *         .build();
 * String html = r.render(ReportFormat.HTML);
 * }</pre>
 *
 * <p>Reports hold only what is meant to be shown: report definitions mask secrets before they
 * build one, so no renderer has to.
 */
public final class Report {

    private final String name;
    private final String title;
    private final List<String> notes;
    private final List<String> columns;
    private final List<Section> sections;
    private final List<Bar> overview;

    private Report(Builder b) {
        this.name = b.name;
        this.title = b.title;
        this.notes = List.copyOf(b.notes);
        this.columns = List.copyOf(b.columns);
        this.sections = List.copyOf(b.sections);
        this.overview = List.copyOf(b.overview);
        for (Section s : sections) {
            for (List<Object> row : s.rows()) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("section " + s.name() + " has a row of " + row.size()
                            + " cells; the report has " + columns.size() + " columns");
                }
            }
        }
    }

    /** A builder for a report with this machine name (e.g. {@code audit}) and title. */
    public static Builder builder(String name, String title) {
        return new Builder(name, title);
    }

    /** The machine name, e.g. {@code summary}. */
    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** Lines shown under the title. */
    public List<String> notes() {
        return notes;
    }

    /** The columns every section's rows have. */
    public List<String> columns() {
        return columns;
    }

    public List<Section> sections() {
        return sections;
    }

    /** A chart of the whole report, drawn before the sections (empty: none). */
    public List<Bar> overview() {
        return overview;
    }

    /** The report written in this format (not {@link ReportFormat#XML}, which is for exports). */
    public String render(ReportFormat format) {
        return switch (format) {
            case TABLE -> Renderers.table(this);
            case CSV -> Renderers.csv(this);
            case JSON -> Renderers.json(this);
            case MD -> Renderers.markdown(this);
            case HTML -> HtmlReport.render(this);
            case XML -> throw new IllegalArgumentException("only agent exports have an XML form; "
                    + "use table, csv, json, md or html for the " + name + " report");
        };
    }

    @Override
    public String toString() {
        return "Report[" + name + ": " + title + ", " + sections.size() + " sections]";
    }

    /** Builds a {@link Report}. */
    public static final class Builder {
        private final String name;
        private final String title;
        private final List<String> notes = new ArrayList<>();
        private final List<String> columns = new ArrayList<>();
        private final List<Section> sections = new ArrayList<>();
        private final List<Bar> overview = new ArrayList<>();

        private Builder(String name, String title) {
            this.name = Objects.requireNonNull(name, "name");
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder columns(String... names) {
            columns.addAll(List.of(names));
            return this;
        }

        public Builder columns(List<String> names) {
            columns.addAll(names);
            return this;
        }

        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        public Builder section(Section section) {
            sections.add(section);
            return this;
        }

        /** A chart of the whole report (for example, findings per kind). */
        public Builder overview(List<Bar> bars) {
            overview.addAll(bars);
            return this;
        }

        public Report build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a report needs columns");
            }
            return new Report(this);
        }
    }
}
