package dev.interlink.platform.imports.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Files written by CsvExport, read back with commons-csv (an independent RFC 4180 reader). */
class CsvExportTest {

    @Test
    void a_mixed_table_reads_back_field_by_field() throws IOException {
        TableRows table = TableRows.of(
                List.of("id", "first_name", "score", "active", "remote_updated_at"),
                new Object[] {"c-1", "Ada", 42, true, "2024-01-31T10:00:00Z"},
                new Object[] {"c-2", "Zoë 李", new BigDecimal("3.50"), false, null});

        List<List<String>> read = readBack(csv(table, false));

        assertThat(read)
                .containsExactly(
                        List.of("id", "first_name", "score", "active", "remote_updated_at"),
                        List.of("c-1", "Ada", "42", "true", "2024-01-31T10:00:00Z"),
                        List.of("c-2", "Zoë 李", "3.50", "false", ""));
    }

    @Test
    void the_header_is_the_column_paths() throws IOException {
        TableRows table = TableRows.of(List.of("emails.0.email", "current_stage.name"));

        assertThat(readBack(csv(table, false))).containsExactly(List.of("emails.0.email", "current_stage.name"));
    }

    @Test
    void lines_end_with_crlf() throws IOException {
        TableRows table = TableRows.of(List.of("a", "b"), new Object[] {"1", "2"});

        assertThat(csv(table, false)).isEqualTo("a,b\r\n1,2\r\n");
    }

    @Test
    void a_text_cell_starting_with_equals_is_neutralised() throws IOException {
        assertThat(onlyCell("=1+1")).isEqualTo("'=1+1");
    }

    @Test
    void a_text_cell_starting_with_plus_is_neutralised() throws IOException {
        assertThat(onlyCell("+1+1")).isEqualTo("'+1+1");
    }

    @Test
    void a_text_cell_starting_with_minus_is_neutralised() throws IOException {
        assertThat(onlyCell("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
    }

    @Test
    void a_text_cell_starting_with_at_is_neutralised() throws IOException {
        assertThat(onlyCell("@SUM(A1:A2)")).isEqualTo("'@SUM(A1:A2)");
    }

    @Test
    void a_text_cell_starting_with_tab_is_neutralised() throws IOException {
        assertThat(onlyCell("\t=1+1")).isEqualTo("'\t=1+1");
    }

    @Test
    void a_text_cell_starting_with_carriage_return_is_neutralised() throws IOException {
        assertThat(onlyCell("\r=1+1")).isEqualTo("'\r=1+1");
    }

    @Test
    void a_header_cell_starting_with_equals_is_neutralised() throws IOException {
        TableRows table = TableRows.of(List.of("=HYPERLINK(\"x\")"));

        assertThat(readBack(csv(table, false)).get(0)).containsExactly("'=HYPERLINK(\"x\")");
    }

    @Test
    void a_negative_number_is_not_altered() throws IOException {
        TableRows table = TableRows.of(List.of("n"), new Object[] {-5});

        assertThat(readBack(csv(table, false)).get(1)).containsExactly("-5");
    }

    @Test
    void a_decimal_is_written_without_exponent() throws IOException {
        TableRows table = TableRows.of(List.of("a", "b"), new Object[] {new BigDecimal("1E+3"), 1e20});

        assertThat(readBack(csv(table, false)).get(1)).containsExactly("1000", "100000000000000000000");
    }

    @Test
    void commas_quotes_and_newlines_survive() throws IOException {
        String tricky = "Smith, \"Jr.\"\r\nline two\nline three";
        TableRows table = TableRows.of(List.of("name"), new Object[] {tricky});

        assertThat(readBack(csv(table, false)).get(1)).containsExactly(tricky);
    }

    @Test
    void a_field_with_a_quote_is_quoted_and_the_quote_doubled() throws IOException {
        TableRows table = TableRows.of(List.of("a"), new Object[] {"say \"hi\""});

        assertThat(csv(table, false)).isEqualTo("a\r\n\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void the_bom_is_written_when_asked() throws IOException {
        byte[] bytes = bytes(TableRows.of(List.of("a")), true);

        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    }

    @Test
    void there_is_no_bom_unless_asked() throws IOException {
        byte[] bytes = bytes(TableRows.of(List.of("a")), false);

        assertThat(bytes).containsExactly('a', '\r', '\n');
    }

    @Test
    void a_null_or_missing_value_is_an_empty_field() throws IOException {
        TableRows table = TableRows.of(List.of("a", "b", "c"), new Object[] {null, TableRows.JSON.nullNode(), "x"});

        assertThat(csv(table, false)).endsWith("\r\n,,x\r\n");
    }

    @Test
    void a_nested_object_is_its_compact_json_text() throws IOException {
        ObjectNode stage = TableRows.JSON.objectNode().put("id", "s1").put("name", "Screen");
        stage.putArray("tags").add("a").add(2);
        TableRows table = TableRows.of(List.of("current_stage"), new Object[] {stage});

        assertThat(readBack(csv(table, false)).get(1))
                .containsExactly("{\"id\":\"s1\",\"name\":\"Screen\",\"tags\":[\"a\",2]}");
    }

    @Test
    void the_callers_stream_is_left_open() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("CsvExport closed the caller's stream");
            }
        };

        CsvExport.write(TableRows.of(List.of("a"), new Object[] {"1"}), out, false);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\r\n1\r\n");
    }

    private static String onlyCell(String text) throws IOException {
        List<List<String>> read = readBack(csv(TableRows.of(List.of("v"), new Object[] {text}), false));
        assertThat(read).hasSize(2);
        return read.get(1).get(0);
    }

    static byte[] bytes(SnapshotRows rows, boolean bom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(rows, out, bom);
        return out.toByteArray();
    }

    static String csv(SnapshotRows rows, boolean bom) throws IOException {
        return new String(bytes(rows, bom), StandardCharsets.UTF_8);
    }

    static List<List<String>> readBack(String csv) throws IOException {
        List<List<String>> result = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                result.add(record.toList());
            }
        }
        return result;
    }
}
