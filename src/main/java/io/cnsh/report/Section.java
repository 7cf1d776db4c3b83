package io.cnsh.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One part of a {@link Report}: a title, rows under the report's columns, and optionally a bar chart.
 * Cells are text or numbers; {@code null} is an empty cell.
 *
 * @param name  a short machine name, e.g. {@code auth_level} (the first column of CSV output)
 * @param title the heading people read, e.g. {@code Agents by auth_level}
 * @param rows  the rows, each as long as the report's columns
 * @param chart bars to draw (empty: no chart)
 */
public record Section(String name, String title, List<List<Object>> rows, List<Bar> chart) {

    public Section {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        chart = List.copyOf(chart);
    }

    /** A section without a chart. */
    public Section(String name, String title, List<List<Object>> rows) {
        this(name, title, rows, List.of());
    }
}
