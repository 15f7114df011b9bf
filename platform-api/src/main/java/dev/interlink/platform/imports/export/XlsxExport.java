package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streams a snapshot as one XLSX sheet with fastexcel (docs/decisions/0070-spreadsheet-exports.md): typed cells, a
 * bold frozen header with an autofilter, column widths from the first rows. Rows are flushed to {@code out} every
 * {@value #FLUSH_EVERY} rows, so memory stays flat whatever the snapshot's size.
 */
public final class XlsxExport {
    static final int FLUSH_EVERY = 1000;
    /** Widths come from the header and this many rows: they must be known before the first flush writes them. */
    static final int WIDTH_SAMPLE_ROWS = 100;

    static final int MIN_WIDTH = 8;
    static final int MAX_WIDTH = 60;
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    /** Excel's limit for one cell's text; a longer value makes Excel "repair" (empty) the file. */
    static final int MAX_CELL_CHARS = 32_767;
    /** A double keeps 15 significant digits: a longer number (an id, say) is kept exact as text. */
    private static final int MAX_NUMERIC_DIGITS = 15;

    private XlsxExport() {}

    /** Writes the workbook to {@code out}, flushes it and leaves it open (the caller owns it). */
    public static void write(SnapshotRows rows, OutputStream out, String sheetName) throws IOException {
        List<String> columns = rows.columns();
        Workbook wb = new Workbook(out, "Interlink", "1.0");
        Worksheet ws = wb.newWorksheet(sheetName(sheetName));
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            // inline strings, never a formula, and no shared-string table growing with the snapshot
            ws.inlineString(0, c, clip(columns.get(c)));
            ws.style(0, c).bold().set();
            widths[c] = columns.get(c).length();
        }
        ws.freezePane(0, 1);
        int[] row = {0};
        rows.forEach(values -> {
            int r = ++row[0];
            for (int c = 0; c < columns.size(); c++) {
                JsonNode value = c < values.size() ? values.get(c) : null;
                int length = writeCell(ws, r, c, value);
                if (r <= WIDTH_SAMPLE_ROWS) {
                    widths[c] = Math.max(widths[c], length);
                }
            }
            if (r == WIDTH_SAMPLE_ROWS) {
                applyWidths(ws, widths);
            }
            if (r % FLUSH_EVERY == 0) {
                ws.flush();
            }
        });
        if (row[0] < WIDTH_SAMPLE_ROWS) {
            applyWidths(ws, widths);
        }
        if (!columns.isEmpty()) {
            ws.setAutoFilter(0, 0, row[0], columns.size() - 1);
        }
        // finish() ends the zip but does not close out
        wb.finish();
        out.flush();
    }

    /** Writes one typed cell; returns the width its text needs, in characters. */
    private static int writeCell(Worksheet ws, int r, int c, JsonNode value) {
        if (JsonText.isMissing(value)) {
            return 0;
        }
        if (value.isNumber()) {
            String text = JsonText.number(value);
            if (fitsDouble(value)) {
                if (value.isIntegralNumber()) {
                    ws.value(r, c, value.longValue());
                } else {
                    ws.value(r, c, value.doubleValue());
                }
            } else {
                ws.inlineString(r, c, text);
            }
            return text.length();
        }
        if (value.isBoolean()) {
            ws.value(r, c, value.booleanValue());
            return 5;
        }
        if (value.isTextual()) {
            String text = value.textValue();
            LocalDateTime dateTime = dateTime(text);
            if (dateTime != null) {
                ws.value(r, c, dateTime);
                ws.style(r, c).format(DATE_TIME_FORMAT).set();
                return DATE_TIME_FORMAT.length();
            }
            LocalDate date = date(text);
            if (date != null) {
                ws.value(r, c, date);
                ws.style(r, c).format(DATE_FORMAT).set();
                return DATE_FORMAT.length();
            }
            ws.inlineString(r, c, clip(text));
            return text.length();
        }
        String json = JsonText.of(value);
        ws.inlineString(r, c, clip(json));
        return json.length();
    }

    private static boolean fitsDouble(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().abs().toString().length() <= MAX_NUMERIC_DIGITS;
        }
        if (value.isBigDecimal()) {
            BigDecimal d = value.decimalValue().stripTrailingZeros();
            return d.precision() <= MAX_NUMERIC_DIGITS && Double.isFinite(d.doubleValue());
        }
        return Double.isFinite(value.doubleValue());
    }

    /** RFC 3339 date-time with Z or an offset, optional fraction; as UTC, since Excel cells carry no zone. */
    static LocalDateTime dateTime(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null; // cheap rejection before a parse that would throw
        }
        try {
            LocalDateTime utc = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
            return inExcelRange(utc.getYear()) ? utc : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A plain {@code yyyy-mm-dd}. */
    static LocalDate date(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return inExcelRange(date.getYear()) ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Excel's date serials start in 1900 (fastexcel writes -1 before it) and end in 9999: keep others as text. */
    private static boolean inExcelRange(int year) {
        return year >= 1900 && year <= 9999;
    }

    private static void applyWidths(Worksheet ws, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            // +2 for the autofilter's drop-down button
            ws.width(c, Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widths[c] + 2)));
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS);
    }

    private static String sheetName(String name) {
        // fastexcel replaces the forbidden characters and cuts to 31; Excel also refuses an empty name and one
        // that starts or ends with an apostrophe
        String trimmed = name == null ? "" : name.strip().replace('\'', ' ').strip();
        return trimmed.isEmpty() ? "Sheet1" : trimmed;
    }
}
