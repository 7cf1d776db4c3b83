package io.cnsh.report;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.Secrets;
import io.cnsh.wire.CsvText;
import io.cnsh.wire.Format;
import io.cnsh.wire.Payload;
import io.cnsh.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The reports of {@code scripts/report.groovy} over a list of agents (as read from the API):
 * a summary of counts, a security audit, duplicates, and an export. Deleted ({@code filter} 999)
 * and system ({@code filter} 505050) agents are left out of the first three unless asked for.
 * No report shows a PIN or password; an export does only when asked to.
 *
 * <pre>{@code
 * List<Agent> all = cn.agents().readAll(AgentQuery.all()).toList();
 * String text = AgentReports.summary(all, false).render(ReportFormat.TABLE);
 * byte[] csv = AgentReports.export(all, ReportFormat.CSV, false);
 * }</pre>
 */
public final class AgentReports {

    /** The fields the summary counts by, with the words used in headings. */
    public static final Map<String, String> SUMMARY_FIELDS = summaryFields();

    private AgentReports() {
    }

    private static Map<String, String> summaryFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("auth_level", "Agents by auth_level");
        m.put("selfserve_id", "Agents by campaign (selfserve_id)");
        m.put("default_status", "Agents by default_status");
        m.put("agent_version", "Agents by agent_version");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The agents a report looks at: all, or only live ones (not deleted, not system). */
    static List<Agent> scope(List<Agent> agents, boolean includeInactive) {
        return includeInactive ? agents : agents.stream().filter(a -> !a.isDeleted() && !a.isSystem()).toList();
    }

    private static String scopeNote(List<Agent> all, List<Agent> shown, boolean includeInactive) {
        long left = all.size() - shown.size();
        if (includeInactive) {
            long inactive = all.stream().filter(a -> a.isDeleted() || a.isSystem()).count();
            return shown.size() + " agent" + (shown.size() == 1 ? "" : "s") + ", deleted (999) and system (505050) ones"
                    + " included (" + inactive + ")";
        }
        return shown.size() + " agent" + (shown.size() == 1 ? "" : "s") + "; " + left + " deleted (999) or system"
                + " (505050) agent" + (left == 1 ? "" : "s") + " left out (--all includes them)";
    }

    /** Counts by auth_level, campaign (selfserve_id), default_status and agent_version, with bar charts. */
    public static Report summary(List<Agent> agents, boolean includeInactive) {
        List<Agent> shown = scope(agents, includeInactive);
        Report.Builder b = Report.builder("summary", "Summary of " + shown.size() + " agent" + (shown.size() == 1 ? "" : "s"))
                .columns("value", "agents", "share")
                .note(scopeNote(agents, shown, includeInactive));
        SUMMARY_FIELDS.forEach((field, title) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Agent a : shown) {
                counts.merge(label(a.get(field)), 1L, Long::sum);
            }
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            List<List<Object>> rows = new ArrayList<>();
            List<Bar> bars = new ArrayList<>();
            for (Map.Entry<String, Long> e : sorted) {
                rows.add(List.of(e.getKey(), e.getValue(), percent(e.getValue(), shown.size())));
                bars.add(new Bar(e.getKey(), e.getValue()));
            }
            b.section(new Section(field, title, rows, bars));
        });
        return b.build();
    }

    /**
     * The security audit: weak PINs, PINs shared by several agents, passwords equal to the username
     * (ignoring case), and everyone with admin or supervisor rights. No secret is shown.
     */
    public static Report audit(List<Agent> agents, boolean includeInactive) {
        List<Agent> shown = scope(agents, includeInactive);
        List<String> columns = List.of("agentid", "name", "username", "detail");

        List<List<Object>> weak = new ArrayList<>();
        for (Agent a : shown) {
            List<String> why = Pins.weaknesses(a.pin());
            if (!why.isEmpty()) {
                weak.add(row(a, String.join(", ", why)));
            }
        }

        Map<String, List<Agent>> byPin = new LinkedHashMap<>();
        for (Agent a : shown) {
            if (a.pin() != null && !a.pin().isEmpty()) {
                byPin.computeIfAbsent(a.pin(), p -> new ArrayList<>()).add(a);
            }
        }
        List<List<Object>> shared = new ArrayList<>();
        int group = 0;
        for (List<Agent> holders : byPin.values()) {
            if (holders.size() < 2) {
                continue;
            }
            group++;
            for (Agent a : holders) {
                shared.add(row(a, "group " + group + ": " + holders.size() + " agents share one PIN"));
            }
        }

        List<List<Object>> sameAsUser = new ArrayList<>();
        for (Agent a : shown) {
            if (a.password() != null && !a.password().isEmpty() && a.username() != null
                    && a.password().toLowerCase(Locale.ROOT).equals(a.username().toLowerCase(Locale.ROOT))) {
                sameAsUser.add(row(a, a.password().equals(a.username()) ? "password is the username"
                        : "password is the username in other letter case"));
            }
        }

        List<List<Object>> admins = new ArrayList<>();
        List<List<Object>> supervisors = new ArrayList<>();
        for (Agent a : shown) {
            boolean admin = "admin".equals(a.authLevel()) || "Y".equals(a.authAdmin());
            boolean supervisor = "supervisor".equals(a.authLevel()) || "Y".equals(a.authSupervisor());
            if (!admin && !supervisor) {
                continue;
            }
            StringJoiner j = new StringJoiner(", ");
            j.add("auth_level " + label(a.authLevel()));
            j.add("auth_admin " + label(a.authAdmin()));
            j.add("auth_supervisor " + label(a.authSupervisor()));
            j.add("auth_reports " + label(a.authReports()));
            if (!"admin".equals(a.authLevel()) && "Y".equals(a.authAdmin())) {
                j.add("admin rights without the admin level");
            }
            (admin ? admins : supervisors).add(row(a, j.toString()));
        }
        List<List<Object>> rights = new ArrayList<>(admins);
        rights.addAll(supervisors);

        Report.Builder b = Report.builder("audit", "Security audit of " + shown.size() + " agent" + (shown.size() == 1 ? "" : "s"))
                .columns(columns)
                .note(scopeNote(agents, shown, includeInactive))
                .note("PINs and passwords are checked but never shown.")
                .overview(List.of(
                        new Bar("weak PINs", weak.size()),
                        new Bar("agents sharing a PIN", shared.size()),
                        new Bar("password = username", sameAsUser.size()),
                        new Bar("admin or supervisor rights", rights.size())))
                .section(new Section("weak_pins", "Weak PINs", weak))
                .section(new Section("shared_pins", "PINs shared by several agents", shared))
                .section(new Section("password_is_username", "Passwords equal to the username", sameAsUser))
                .section(new Section("rights", "Admin and supervisor rights", rights));
        return b.build();
    }

    /**
     * Usernames, and names (ignoring case and surrounding spaces), held by several agentids, with
     * what differs between the agents of each group (secret fields named, never shown).
     */
    public static Report duplicates(List<Agent> agents, boolean includeInactive) {
        List<Agent> shown = scope(agents, includeInactive);
        Map<String, List<Agent>> byUsername = shared(shown, a -> a.username() == null || a.username().isEmpty() ? null : a.username());
        Map<String, List<Agent>> byName = shared(shown, a -> a.name() == null || a.name().isBlank() ? null
                : a.name().strip().toLowerCase(Locale.ROOT));
        List<List<Object>> users = duplicateRows(byUsername, false);
        List<List<Object>> names = duplicateRows(byName, true);
        long userGroups = byUsername.size();
        long nameGroups = byName.size();
        return Report.builder("duplicates", "Duplicates among " + shown.size() + " agent" + (shown.size() == 1 ? "" : "s"))
                .columns("value", "agentid", "name", "username", "differs")
                .note(scopeNote(agents, shown, includeInactive))
                .note(userGroups + " username" + (userGroups == 1 ? "" : "s") + " and " + nameGroups + " name"
                        + (nameGroups == 1 ? "" : "s") + " held by more than one agent.")
                .section(new Section("usernames", "Usernames held by several agents", users))
                .section(new Section("names", "Names held by several agents", names))
                .build();
    }

    /**
     * The agents that share a key with another, grouped by key in the order the keys first appear.
     * A key held by one agent gets no list of its own: most keys are, and an account can have a
     * hundred thousand of them.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Agent>> shared(List<Agent> agents, java.util.function.Function<Agent, String> key) {
        Map<String, Object> byKey = new LinkedHashMap<>(agents.size() * 2);
        for (Agent a : agents) {
            String k = key.apply(a);
            if (k == null) {
                continue;
            }
            Object held = byKey.putIfAbsent(k, a);
            if (held instanceof Agent first) {
                List<Agent> group = new ArrayList<>(2);
                group.add(first);
                group.add(a);
                byKey.put(k, group);
            } else if (held != null) {
                ((List<Agent>) held).add(a);
            }
        }
        Map<String, List<Agent>> groups = new LinkedHashMap<>();
        byKey.forEach((k, v) -> {
            if (v instanceof List<?> group) {
                groups.put(k, (List<Agent>) group);
            }
        });
        return groups;
    }

    private static List<List<Object>> duplicateRows(Map<String, List<Agent>> groups, boolean byName) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Agent> members : groups.values()) {
            if (members.size() < 2) {
                continue;
            }
            Set<String> fields = new LinkedHashSet<>();
            members.forEach(a -> fields.addAll(a.fields().keySet()));
            fields.remove("agentid");
            List<String> differing = fields.stream()
                    .filter(f -> members.stream().map(a -> a.fields().get(f)).distinct().count() > 1).toList();
            for (Agent a : members) {
                String value = byName ? a.name().strip() : a.username();
                String differs;
                if (differing.isEmpty()) {
                    differs = "identical apart from agentid";
                } else {
                    StringJoiner j = new StringJoiner(", ");
                    for (String f : differing) {
                        j.add(Secrets.isSecretName(f) ? f + " (differs)" : f + " " + quoted(a.fields().get(f)));
                    }
                    differs = j.toString();
                }
                rows.add(List.of(value, a.get("agentid"), text(a.name()), text(a.username()), differs));
            }
        }
        return rows;
    }

    /**
     * Every agent (deleted and system ones included) in an export format: {@code csv}, {@code json}
     * and {@code xml} as the API's own record shapes (a CSV export can be edited and fed back to
     * bulk-update; it is meant for a spreadsheet, so cells that would run as a formula are escaped
     * and bulk-update reads them back as they were), {@code table}, {@code md} and {@code html} as a report of every field. Pins and
     * passwords are masked unless {@code includeSecrets}.
     */
    public static byte[] export(List<Agent> agents, ReportFormat format, boolean includeSecrets) {
        List<Agent> out = includeSecrets ? agents : agents.stream().map(AgentReports::masked).toList();
        return switch (format) {
            case CSV -> exportCsv(out).getBytes(StandardCharsets.UTF_8);
            case JSON -> WireCodec.of(Format.JSON).writePayload(out, Payload.Shape.LIST);
            case XML -> WireCodec.of(Format.XML).writePayload(out, Payload.Shape.LIST);
            default -> exportReport(out, includeSecrets).render(format).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * The API's CSV record shape for a spreadsheet: a header of every field of every agent in order
     * of first appearance (the documented fields when there is no agent), one line per agent.
     */
    private static String exportCsv(List<Agent> agents) {
        Set<String> columns = new LinkedHashSet<>();
        agents.forEach(a -> columns.addAll(a.fields().keySet()));
        if (columns.isEmpty()) {
            columns.addAll(AgentField.wireNames());
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(new ArrayList<>(columns));
        for (Agent a : agents) {
            List<String> cells = new ArrayList<>(columns.size());
            columns.forEach(c -> cells.add(a.get(c)));
            lines.add(cells);
        }
        return CsvText.spreadsheet(lines, "\n");
    }

    /** Every agent and every field as a report (for table, Markdown and HTML exports). */
    public static Report exportReport(List<Agent> agents, boolean includeSecrets) {
        Set<String> columns = new LinkedHashSet<>(AgentField.wireNames());
        agents.forEach(a -> columns.addAll(a.fields().keySet()));
        List<List<Object>> rows = new ArrayList<>();
        for (Agent a : agents) {
            Agent shown = includeSecrets ? a : masked(a);
            List<Object> row = new ArrayList<>();
            columns.forEach(c -> row.add(shown.fields().get(c)));
            rows.add(row);
        }
        return Report.builder("export", "Export of " + agents.size() + " agent" + (agents.size() == 1 ? "" : "s"))
                .columns(new ArrayList<>(columns))
                .note(includeSecrets ? "PINs and passwords are shown (--include-secrets)." : "PINs and passwords are masked.")
                .section(new Section("agents", "Agents", rows))
                .build();
    }

    /** The agent with its pin and password (when present and not empty) replaced by the mask. */
    public static Agent masked(Agent a) {
        Agent out = a;
        for (String secret : List.of("pin", "password")) {
            String v = a.fields().get(secret);
            if (v != null && !v.isEmpty()) {
                out = out.with(secret, Secrets.MASK);
            }
        }
        return out;
    }

    private static List<Object> row(Agent a, String detail) {
        return List.of(text(a.get("agentid")), text(a.name()), text(a.username()), detail);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String label(String value) {
        return value == null ? "(none)" : value.isEmpty() ? "(empty)" : value;
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    private static String percent(long n, long of) {
        return of == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / of);
    }

    /** The report of this kind ({@code summary}, {@code audit}, {@code duplicates}, {@code export}). */
    public static Report of(String kind, List<Agent> agents, boolean includeInactive) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case "summary" -> summary(agents, includeInactive);
            case "audit" -> audit(agents, includeInactive);
            case "duplicates" -> duplicates(agents, includeInactive);
            case "export" -> exportReport(agents, false);
            default -> throw new IllegalArgumentException("unknown report '" + kind
                    + "'; reports: summary, audit, duplicates, export");
        };
    }
}
