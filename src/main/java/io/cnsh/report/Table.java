package io.cnsh.report;

import io.cnsh.model.Agent;
import io.cnsh.model.DisplayWidth;
import io.cnsh.model.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders agents as a plain-text table that fits a width in terminal columns ({@link DisplayWidth}:
 * wide CJK and emoji count two, combining marks none, and a value is never cut inside a character):
 * the chosen columns in order, long values cut with {@code …}, columns dropped from the right
 * (and said so) when even cut values do not fit. Secret fields show {@link Secrets#MASK} unless revealing is asked for.
 * {@link #renderRows} lays out any rows of text the same way (report sections).
 */
public final class Table {

    /** The columns shown when none are chosen. */
    public static final List<String> DEFAULT_COLUMNS =
            List.of("agentid", "name", "username", "auth_level", "selfserve_id", "filter");

    private static final int MIN_COLUMN = 4;

    private final List<String> columns;
    private final int width;
    private final boolean reveal;

    private Table(List<String> columns, int width, boolean reveal) {
        this.columns = List.copyOf(columns);
        this.width = width;
        this.reveal = reveal;
    }

    /** A table of these columns, at most {@code width} characters wide (0 means no limit). */
    public static Table of(List<String> columns, int width, boolean reveal) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new Table(columns, width, reveal);
    }

    /** The rendered lines: header, rule, one line per agent. */
    public List<String> render(List<Agent> agents) {
        List<List<String>> cells = new ArrayList<>(agents.size());
        for (Agent a : agents) {
            List<String> row = new ArrayList<>(columns.size());
            for (String c : columns) {
                row.add(cell(a, c));
            }
            cells.add(row);
        }
        return layout(columns, cells, width);
    }

    /**
     * Renders rows of text under the given headings, fitted to {@code width} (0 means no limit) the
     * way agent tables are: header, rule, one line per row. Line breaks and tabs in cells become
     * spaces; a {@code null} cell is empty. Used by reports for tables that are not agent records.
     */
    public static List<String> renderRows(List<String> headings, List<List<String>> rows, int width) {
        if (headings.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> clean = new ArrayList<>(headings.size());
            for (int i = 0; i < headings.size(); i++) {
                String v = i < row.size() ? row.get(i) : null;
                clean.add(v == null ? "" : v.replaceAll("[\\r\\n\\t]", " "));
            }
            cells.add(clean);
        }
        return layout(headings, cells, width);
    }

    private static List<String> layout(List<String> headings, List<List<String>> cells, int width) {
        int shown = headings.size();
        int[] widths = naturalWidths(headings, cells, shown);
        int dropped = 0;
        if (width > 0) {
            while (shown > 1 && total(widths, shown) > width && shrink(widths, shown, width) > width) {
                shown--;
                dropped++;
                widths = naturalWidths(headings, cells, shown);
            }
            shrink(widths, shown, width);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            head.append(i == 0 ? "" : "  ").append(pad(cut(headings.get(i), widths[i]), widths[i]));
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        lines.add(head.toString().stripTrailing());
        lines.add(rule.toString());
        for (List<String> r : cells) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < shown; i++) {
                row.append(i == 0 ? "" : "  ").append(pad(cut(r.get(i), widths[i]), widths[i]));
            }
            lines.add(row.toString().stripTrailing());
        }
        if (dropped > 0) {
            lines.add("(" + dropped + " column" + (dropped == 1 ? "" : "s") + " not shown: "
                    + String.join(", ", headings.subList(shown, headings.size())) + ")");
        }
        return lines;
    }

    /** The text of one cell: the value, empty for null, masked for secrets. */
    public String cell(Agent a, String column) {
        String v = a.get(column);
        if (v == null) {
            return "";
        }
        return Secrets.isSecretName(column) && !reveal ? Secrets.MASK : v.replaceAll("[\\r\\n\\t]", " ");
    }

    private static int[] naturalWidths(List<String> headings, List<List<String>> cells, int n) {
        int[] w = new int[headings.size()];
        for (int i = 0; i < n; i++) {
            w[i] = DisplayWidth.of(headings.get(i));
            for (List<String> r : cells) {
                w[i] = Math.max(w[i], DisplayWidth.of(r.get(i)));
            }
        }
        return w;
    }

    private static int total(int[] w, int n) {
        int sum = 2 * (n - 1);
        for (int i = 0; i < n; i++) {
            sum += w[i];
        }
        return sum;
    }

    /** Cuts the widest columns until the row fits or none can shrink more; returns the new total. */
    private static int shrink(int[] w, int n, int limit) {
        while (total(w, n) > limit) {
            int widest = 0;
            for (int i = 1; i < n; i++) {
                if (w[i] > w[widest]) {
                    widest = i;
                }
            }
            if (w[widest] <= MIN_COLUMN) {
                break;
            }
            w[widest]--;
        }
        return total(w, n);
    }

    private static String cut(String s, int w) {
        return DisplayWidth.cut(s, w);
    }

    private static String pad(String s, int w) {
        return DisplayWidth.pad(s, w);
    }
}
