package dev.interlink.platform.imports;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.PublicRoute;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /feeds/{token}}: the latest snapshot of the feed's import as CSV, for spreadsheets that cannot send an
 * auth header. The token is the credential (hashed at rest, expiring, revocable); anything else is a 404.
 */
@Controller("/feeds")
@Tag(name = "Imports")
class FeedController {
    private final FeedService feeds;
    private final SnapshotExports exports;

    FeedController(FeedService feeds, SnapshotExports exports) {
        this.feeds = feeds;
        this.exports = exports;
    }

    @PublicRoute
    @Get("/{token}")
    StreamedFile feed(@PathVariable String token) {
        FeedService.Served served =
                feeds.serve(token).orElseThrow(() -> ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "Not found"));
        StreamedFile file = exports.stream(
                served.snapshot(),
                SnapshotExports.Format.CSV,
                false,
                SnapshotController.fileName(served.definition().name(), served.snapshot()));
        return file;
    }
}
