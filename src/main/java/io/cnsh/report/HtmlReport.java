package io.cnsh.report;

import io.cnsh.model.DisplayWidth;
import java.util.List;

/**
 * A report as one self-contained HTML page: inline CSS, an inline SVG bar chart for every section
 * that has one, no scripts, no images, no fonts or styles from the network, so that it can be mailed
 * or opened offline.
 */
final class HtmlReport {

    private static final int CHART_WIDTH = 640;
    private static final int LABEL_WIDTH = 190;
    private static final int ROW_HEIGHT = 22;
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1d2430; }
            h1 { font-size: 1.5rem; margin-bottom: .25rem; }
            h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d6dbe3; padding-bottom: .25rem; }
            p.note { margin: .15rem 0; color: #4a5568; }
            table { border-collapse: collapse; margin-top: .75rem; font-size: .9rem; }
            th, td { border: 1px solid #d6dbe3; padding: .3rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f1f4f8; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            svg { display: block; margin-top: .75rem; }
            svg text { font-size: 12px; fill: #1d2430; }
            svg rect { fill: #3b6fb6; }
            p.none { color: #4a5568; font-style: italic; }
            """;

    private HtmlReport() {
    }

    static String render(Report r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>").append(esc(r.title())).append("</title>\n");
        h.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(r.title())).append("</h1>\n");
        for (String note : r.notes()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        if (!r.overview().isEmpty()) {
            chart(h, r.title(), r.overview());
        }
        for (Section s : r.sections()) {
            h.append("<section id=\"").append(esc(s.name())).append("\">\n");
            h.append("<h2>").append(esc(s.title())).append("</h2>\n");
            if (!s.chart().isEmpty()) {
                chart(h, s.title(), s.chart());
            }
            if (s.rows().isEmpty()) {
                h.append("<p class=\"none\">None.</p>\n");
            } else {
                table(h, r.columns(), s.rows());
            }
            h.append("</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, List<String> columns, List<List<Object>> rows) {
        h.append("<table>\n<thead><tr>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            h.append("<tr>");
            for (Object cell : row) {
                h.append(cell instanceof Number ? "<td class=\"num\">" : "<td>")
                        .append(esc(Renderers.text(cell))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** A horizontal bar chart: label, bar scaled to the largest value, the value after the bar. */
    private static void chart(StringBuilder h, String title, List<Bar> bars) {
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        int height = bars.size() * ROW_HEIGHT + 8;
        int room = CHART_WIDTH - LABEL_WIDTH - 60;
        h.append("<svg role=\"img\" aria-label=\"").append(esc("Chart: " + title)).append("\" width=\"")
                .append(CHART_WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(CHART_WIDTH).append(' ').append(height).append("\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * ROW_HEIGHT + 4;
            long w = max == 0 ? 0 : Math.round((double) b.value() * room / max);
            h.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(esc(cut(b.label()))).append("</text>");
            h.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(w).append("\" height=\"").append(ROW_HEIGHT - 6).append("\"><title>")
                    .append(esc(b.label() + ": " + b.value())).append("</title></rect>");
            h.append("<text x=\"").append(LABEL_WIDTH + w + 6).append("\" y=\"").append(y + 14).append("\">")
                    .append(b.value()).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static String cut(String label) {
        return DisplayWidth.cut(label, 28);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
