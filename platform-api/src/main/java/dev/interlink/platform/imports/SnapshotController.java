package dev.interlink.platform.imports;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A snapshot's records (streamed JSON, CSV or XLSX) and its diff against another snapshot of the tenant. */
@Controller("/snapshots")
@Tag(name = "Imports")
class SnapshotController {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SnapshotService snapshots;
    private final SnapshotExports exports;
    private final ImportService imports;

    SnapshotController(SnapshotService snapshots, SnapshotExports exports, ImportService imports) {
        this.snapshots = snapshots;
        this.exports = exports;
        this.imports = imports;
    }

    @Get("/{id}/records")
    @RequiresScope(Scopes.IMPORTS_READ)
    StreamedFile records(
            Principal principal,
            @PathVariable String id,
            @QueryValue @Nullable String format,
            @QueryValue @Nullable String bom) {
        SnapshotExports.Format f = format(format);
        if (bom != null && !bom.equals("true") && !bom.equals("false")) {
            throw ApiProblem.invalid("/bom", "must be true or false");
        }
        Snapshot s = snapshots.get(principal.tenantId(), id);
        String name = imports.getOptional(principal.tenantId(), s.importId())
                .map(ImportDefinition::name)
                .orElse("snapshot");
        return exports.stream(s, f, "true".equals(bom), fileName(name, s));
    }

    static SnapshotExports.Format format(String format) {
        if (format == null) return SnapshotExports.Format.JSON;
        return switch (format) {
            case "json" -> SnapshotExports.Format.JSON;
            case "csv" -> SnapshotExports.Format.CSV;
            case "xlsx" -> SnapshotExports.Format.XLSX;
            default -> throw ApiProblem.invalid("/format", "must be json, csv or xlsx");
        };
    }

    /** A safe file name: the import's name in ASCII letters, digits and dashes, and the snapshot's day. */
    static String fileName(String importName, Snapshot s) {
        String base = importName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return (base.isEmpty() ? "snapshot" : base) + "-" + DAY.format(s.createdAt());
    }

    @Get("/{id}/diff")
    @RequiresScope(Scopes.IMPORTS_READ)
    Map<String, Object> diff(
            Principal principal,
            @PathVariable String id,
            @QueryValue @Nullable String against,
            @QueryValue @Nullable Integer limit) {
        return snapshots.diff(principal.tenantId(), id, against, limit);
    }
}
