package io.cnsh.wire;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV bodies: a header row of field names, then one row per record, with no envelope. A read
 * answer is its list; any other answer is one row of the envelope's keys. Empty cells read as
 * empty strings; a null value is written as an empty cell.
 */
final class JacksonCsvCodec extends JacksonCodec {

    private static final List<String> ENVELOPE_KEYS =
            List.of("success", "account_id", "token", "total", "bad", "key", "error", "expire", "info");

    private final CsvMapper mapper;

    JacksonCsvCodec(WireLimits limits) {
        super(limits);
        this.mapper = CsvMapper.builder(CsvFactory.builder()
                        // parser messages must never carry the body: it may hold passwords
                        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                        .build())
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
                .build();
    }

    @Override
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public Format format() {
        return Format.CSV;
    }

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public byte[] writeEnvelope(Envelope e) {
        if (e.list() != null) {
            return table(e.list());
        }
        Map<String, String> row = new LinkedHashMap<>();
        put(row, "success", e.success() == null ? null : e.isSuccess() ? "1" : "0");
        put(row, "account_id", e.accountId());
        put(row, "token", e.token());
        put(row, "total", e.total());
        put(row, "bad", e.bad());
        put(row, "key", e.key());
        put(row, "error", e.error());
        put(row, "expire", e.expire());
        put(row, "info", e.info());
        return table(List.of(Agent.of(row)));
    }

    private static void put(Map<String, String> row, String key, Object value) {
        if (value != null) {
            row.put(key, value.toString());
        }
    }

    @Override
    public Envelope readEnvelope(byte[] body) {
        List<Agent> rows = readPayload(body).records();
        if (rows.size() == 1 && rows.get(0).has("success")
                && ENVELOPE_KEYS.containsAll(rows.get(0).fields().keySet())) {
            Agent r = rows.get(0);
            return new Envelope("1".equals(r.get("success")) || "true".equals(r.get("success")),
                    r.get("account_id"), r.get("token"), num(r.get("total")), num(r.get("bad")),
                    num(r.get("key")), r.get("error"), num(r.get("expire")), r.get("info"), null);
        }
        return Envelope.read(rows.size(), rows);
    }

    private Long num(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new WireFormatException(format(), "CSV envelope has a non-numeric count");
        }
    }

    @Override
    Payload parsePayload(byte[] body) throws IOException {
        try {
            return parseTable(body);
        } catch (RuntimeJsonMappingException e) {
            // the row iterator reports parse errors unchecked
            throw malformed(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
        }
    }

    private Payload parseTable(byte[] body) throws IOException {
        List<Agent> records = new ArrayList<>();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                .readValues(new StringReader(new String(body, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "")))) {
            if (!rows.hasNext()) {
                return new Payload(records, Payload.Shape.LIST);
            }
            String[] header = rows.next();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.length; i++) {
                header[i] = header[i].trim();
                if (header[i].isEmpty()) {
                    throw new WireFormatException(format(), "CSV header column " + (i + 1) + " has no name");
                }
                if (!seen.add(header[i])) {
                    throw new WireFormatException(format(), "CSV header names '" + header[i] + "' twice");
                }
            }
            int line = 1;
            while (rows.hasNext()) {
                String[] cells = rows.next();
                line++;
                if (cells.length > header.length) {
                    throw new WireFormatException(format(), "CSV row " + line + " has " + cells.length
                            + " cells but the header has " + header.length);
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    fields.put(header[i], i < cells.length ? cells[i] : "");
                }
                records.add(Agent.of(fields));
            }
        }
        return new Payload(records, Payload.Shape.LIST);
    }

    @Override
    byte[] serializePayload(List<Agent> records, Payload.Shape shape) {
        return table(records);
    }

    /**
     * A header and one row per record; the columns are every field of every record in order of
     * first appearance. With no record the header names the documented fields, so that an empty
     * read is still a table.
     */
    private byte[] table(List<Agent> records) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(a -> columns.addAll(a.fields().keySet()));
        if (columns.isEmpty()) {
            columns.addAll(AgentField.wireNames());
        }
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = mapper.writer(schema.build().withoutHeader()).writeValues(out)) {
            writer.write(new ArrayList<>(columns));
            for (Agent a : records) {
                List<String> row = new ArrayList<>(columns.size());
                for (String c : columns) {
                    String v = a.get(c);
                    row.add(v == null ? "" : v);
                }
                writer.write(row);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
