package io.cnsh.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cnsh.model.DisplayWidth;
import io.cnsh.wire.CsvText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text, CSV, JSON and Markdown forms of a {@link Report}. */
final class Renderers {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int BAR_WIDTH = 30;

    private Renderers() {
    }

    static String text(Object cell) {
        return cell == null ? "" : cell.toString();
    }

    static String table(Report r) {
        List<String> out = new ArrayList<>();
        out.add(r.title());
        out.add("=".repeat(DisplayWidth.of(r.title())));
        out.addAll(r.notes());
        if (!r.overview().isEmpty()) {
            out.add("");
            out.addAll(textBars(r.overview()));
        }
        for (Section s : r.sections()) {
            out.add("");
            out.add(s.title());
            out.add("-".repeat(DisplayWidth.of(s.title())));
            if (s.rows().isEmpty()) {
                out.add("(none)");
                continue;
            }
            List<String> headings = new ArrayList<>(r.columns());
            boolean bars = s.chart().size() == s.rows().size();
            if (bars) {
                headings.add("");
            }
            long max = s.chart().stream().mapToLong(Bar::value).max().orElse(0);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < s.rows().size(); i++) {
                List<String> row = new ArrayList<>();
                s.rows().get(i).forEach(c -> row.add(text(c)));
                if (bars) {
                    row.add(bar(s.chart().get(i).value(), max));
                }
                rows.add(row);
            }
            out.addAll(Table.renderRows(headings, rows, 0));
        }
        return String.join("\n", out) + "\n";
    }

    private static List<String> textBars(List<Bar> bars) {
        int labelWidth = bars.stream().mapToInt(b -> DisplayWidth.of(b.label())).max().orElse(0);
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Bar b : bars) {
            out.add(DisplayWidth.pad(b.label(), labelWidth) + "  " + String.format("%5d", b.value())
                    + "  " + bar(b.value(), max));
        }
        return out;
    }

    private static String bar(long value, long max) {
        if (max <= 0 || value <= 0) {
            return "";
        }
        return "#".repeat((int) Math.max(1, Math.round((double) value * BAR_WIDTH / max)));
    }

    /** One table with a section column, for a spreadsheet: formula cells escaped. */
    static String csv(Report r) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("section");
        header.addAll(r.columns());
        lines.add(header);
        for (Section s : r.sections()) {
            for (List<Object> row : s.rows()) {
                List<String> cells = new ArrayList<>();
                cells.add(s.name());
                row.forEach(c -> cells.add(text(c)));
                lines.add(cells);
            }
        }
        return CsvText.spreadsheet(lines, "\r\n");
    }

    static String json(Report r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", r.name());
        doc.put("title", r.title());
        doc.put("notes", r.notes());
        if (!r.overview().isEmpty()) {
            doc.put("overview", bars(r.overview()));
        }
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section s : r.sections()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("name", s.name());
            section.put("title", s.title());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> row : s.rows()) {
                Map<String, Object> obj = new LinkedHashMap<>();
                for (int i = 0; i < r.columns().size(); i++) {
                    obj.put(r.columns().get(i), row.get(i));
                }
                rows.add(obj);
            }
            section.put("rows", rows);
            if (!s.chart().isEmpty()) {
                section.put("chart", bars(s.chart()));
            }
            sections.add(section);
        }
        doc.put("sections", sections);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of text and numbers is always JSON", e);
        }
    }

    private static List<Map<String, Object>> bars(List<Bar> bars) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bar b : bars) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", b.label());
            m.put("value", b.value());
            out.add(m);
        }
        return out;
    }

    static String markdown(Report r) {
        List<String> out = new ArrayList<>();
        out.add("# " + md(r.title()));
        out.add("");
        for (String note : r.notes()) {
            out.add(md(note) + "  ");
        }
        if (!r.overview().isEmpty()) {
            out.add("");
            out.add("| finding | count |");
            out.add("|---|---:|");
            r.overview().forEach(b -> out.add("| " + md(b.label()) + " | " + b.value() + " |"));
        }
        for (Section s : r.sections()) {
            out.add("");
            out.add("## " + md(s.title()));
            out.add("");
            if (s.rows().isEmpty()) {
                out.add("(none)");
                continue;
            }
            out.add("| " + String.join(" | ", r.columns().stream().map(Renderers::md).toList()) + " |");
            out.add("|" + "---|".repeat(r.columns().size()));
            for (List<Object> row : s.rows()) {
                out.add("| " + String.join(" | ", row.stream().map(c -> md(text(c))).toList()) + " |");
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Markdown-safe text for a table cell or heading. */
    private static String md(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
