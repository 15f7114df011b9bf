package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams a snapshot as RFC 4180 CSV (comma, CRLF, UTF-8, optional BOM). Text cells that a spreadsheet would run as a
 * formula get a leading {@code '} (OWASP CSV injection); see docs/decisions/0070-spreadsheet-exports.md.
 */
public final class CsvExport {
    private static final int BUFFER_CHARS = 64 * 1024;

    private CsvExport() {}

    /** Writes header and rows to {@code out}, flushes it and leaves it open (the caller owns it). */
    public static void write(SnapshotRows rows, OutputStream out, boolean bom) throws IOException {
        // not closed: closing it would close the caller's stream
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        if (bom) {
            w.write('\uFEFF'); // EF BB BF in UTF-8: makes Excel read the file as UTF-8
        }
        List<String> columns = rows.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            writeField(w, neutralise(columns.get(i)));
        }
        w.write("\r\n");
        rows.forEach(values -> {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                JsonNode value = i < values.size() ? values.get(i) : null;
                String text = JsonText.of(value);
                if (text != null) {
                    // only text can be a formula; a JSON number such as -5 is a number and stays as it is
                    writeField(w, value.isTextual() ? neutralise(text) : text);
                }
            }
            w.write("\r\n");
        });
        w.flush();
        out.flush();
    }

    /** OWASP: a cell starting with = + - @ TAB or CR may be evaluated as a formula; a leading quote makes it text. */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + text;
        }
        return text;
    }

    private static void writeField(Writer w, String text) throws IOException {
        if (!needsQuotes(text)) {
            w.write(text);
            return;
        }
        w.write('"');
        int from = 0;
        for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', from)) {
            w.write(text, from, i + 1 - from);
            w.write('"');
            from = i + 1;
        }
        w.write(text, from, text.length() - from);
        w.write('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
