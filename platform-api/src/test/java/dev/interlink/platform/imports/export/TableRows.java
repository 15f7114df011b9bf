package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An in-memory snapshot for the writers' tests; plain Java values become JSON nodes. */
record TableRows(List<String> columns, List<List<JsonNode>> rows) implements SnapshotRows {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static TableRows of(List<String> columns, Object[]... rows) {
        List<List<JsonNode>> nodes = new ArrayList<>();
        for (Object[] row : rows) {
            nodes.add(Arrays.stream(row).map(TableRows::node).toList());
        }
        return new TableRows(columns, nodes);
    }

    static JsonNode node(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return JSON.textNode(s);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return JSON.numberNode(d);
        }
        if (value instanceof java.math.BigInteger b) {
            return JSON.numberNode(b);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }

    @Override
    public void forEach(RowSink sink) throws IOException {
        for (List<JsonNode> row : rows) {
            sink.accept(row);
        }
    }
}
