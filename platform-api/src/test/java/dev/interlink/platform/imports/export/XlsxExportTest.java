package dev.interlink.platform.imports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Workbooks written by XlsxExport, opened with Apache POI (an independent reader). */
class XlsxExportTest {
    private static final List<String> COLUMNS =
            List.of("id", "score", "active", "remote_updated_at", "birthday", "note", "tags", "missing");

    private static final TableRows TABLE = TableRows.of(
            COLUMNS,
            new Object[] {
                "c-1",
                42,
                true,
                "2024-01-31T10:00:00Z",
                "1990-05-17",
                "=1+1",
                TableRows.JSON.arrayNode().add("x"),
                null
            },
            new Object[] {"c-2", 3.5, false, "2024-01-31T12:00:00.250+02:00", "not a date", "plain", null, null});

    @Test
    void the_header_row_is_bold_and_holds_the_paths() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        for (int c = 0; c < COLUMNS.size(); c++) {
            XSSFCell cell = sheet.getRow(0).getCell(c);
            assertThat(cell.getStringCellValue()).isEqualTo(COLUMNS.get(c));
            assertThat(cell.getCellStyle().getFont().getBold()).isTrue();
        }
    }

    @Test
    void the_header_row_is_frozen() throws IOException {
        PaneInformation pane = sheet(TABLE).getPaneInformation();

        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
    }

    @Test
    void the_autofilter_covers_header_and_data() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:H3");
    }

    @Test
    void a_json_number_is_a_numeric_cell() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(42.0);
        assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(3.5);
    }

    @Test
    void a_number_with_more_digits_than_a_double_holds_stays_exact_text() throws IOException {
        TableRows table = TableRows.of(List.of("n"), new Object[] {new java.math.BigInteger("12345678901234567890")});

        XSSFCell cell = sheet(table).getRow(1).getCell(0);

        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).isEqualTo("12345678901234567890");
    }

    @Test
    void a_json_boolean_is_a_boolean_cell() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        assertThat(sheet.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.BOOLEAN);
        assertThat(sheet.getRow(1).getCell(2).getBooleanCellValue()).isTrue();
        assertThat(sheet.getRow(2).getCell(2).getBooleanCellValue()).isFalse();
    }

    @Test
    void a_date_time_text_is_a_date_cell_at_the_same_instant_in_utc() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        XSSFCell zulu = sheet.getRow(1).getCell(3);
        XSSFCell offset = sheet.getRow(2).getCell(3);
        assertThat(DateUtil.isCellDateFormatted(zulu)).isTrue();
        assertThat(zulu.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        assertThat(zulu.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 0));
        assertThat(offset.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 0, 0, 250_000_000));
    }

    @Test
    void a_plain_date_text_is_a_date_cell() throws IOException {
        XSSFCell cell = sheet(TABLE).getRow(1).getCell(4);

        assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
        assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(1990, 5, 17));
    }

    @Test
    void text_that_is_not_a_date_stays_text() throws IOException {
        XSSFCell cell = sheet(TABLE).getRow(2).getCell(4);

        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).isEqualTo("not a date");
    }

    @Test
    void text_looking_like_a_formula_is_a_string_cell_not_a_formula() throws IOException {
        XSSFCell cell = sheet(TABLE).getRow(1).getCell(5);

        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).isEqualTo("=1+1");
    }

    @Test
    void an_array_is_its_json_text() throws IOException {
        XSSFCell cell = sheet(TABLE).getRow(1).getCell(6);

        assertThat(cell.getStringCellValue()).isEqualTo("[\"x\"]");
    }

    @Test
    void a_null_value_is_a_blank_cell() throws IOException {
        XSSFSheet sheet = sheet(TABLE);

        XSSFCell cell = sheet.getRow(1).getCell(7);
        assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
    }

    @Test
    void column_widths_follow_the_content_within_bounds() throws IOException {
        String longText = "x".repeat(200);
        TableRows table =
                TableRows.of(List.of("a", "note", "wide"), new Object[] {"1", "twenty characters !!", longText});

        XSSFSheet sheet = sheet(table);

        assertThat(sheet.getColumnWidth(0) / 256).isEqualTo(XlsxExport.MIN_WIDTH);
        assertThat(sheet.getColumnWidth(1) / 256).isEqualTo(22);
        assertThat(sheet.getColumnWidth(2) / 256).isEqualTo(XlsxExport.MAX_WIDTH);
    }

    @Test
    void the_sheet_gets_the_given_name() throws IOException {
        try (XSSFWorkbook wb = workbook(TABLE, "Weekly candidates")) {
            assertThat(wb.getSheetName(0)).isEqualTo("Weekly candidates");
        }
    }

    @Test
    void rows_past_several_flushes_are_all_there_in_order() throws IOException {
        int count = XlsxExport.FLUSH_EVERY * 2 + 7;
        Object[][] rows = new Object[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new Object[] {i};
        }

        XSSFSheet sheet = sheet(TableRows.of(List.of("n"), rows));

        assertThat(sheet.getLastRowNum()).isEqualTo(count);
        assertThat(sheet.getRow(count).getCell(0).getNumericCellValue()).isEqualTo(count - 1.0);
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:A" + (count + 1));
    }

    @Test
    void a_snapshot_without_records_is_a_header_row_with_its_autofilter() throws IOException {
        XSSFSheet sheet = sheet(TableRows.of(List.of("id", "name")));

        assertThat(sheet.getLastRowNum()).isZero();
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B1");
    }

    @Test
    void the_callers_stream_is_left_open() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("XlsxExport closed the caller's stream");
            }
        };

        XlsxExport.write(TABLE, out, "s");

        assertThat(out.size()).isPositive();
    }

    private static XSSFSheet sheet(SnapshotRows rows) throws IOException {
        // the sheet stays usable after its workbook is garbage: POI holds it in memory
        return workbook(rows, "Snapshot").getSheetAt(0);
    }

    private static XSSFWorkbook workbook(SnapshotRows rows, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(rows, out, name);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }
}
