package dev.interlink.platform.imports;

import dev.interlink.platform.account.Page;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Imports, their runs, snapshots, feeds and rules (docs/imports.md). Another tenant's ids answer 404 IMPORT.NOT_FOUND. */
@Controller("/imports")
@Tag(name = "Imports")
class ImportController {
    private final ImportService imports;
    private final SnapshotService snapshots;
    private final FeedService feeds;
    private final RuleService rules;
    private final String publicBaseUrl;

    ImportController(
            ImportService imports,
            SnapshotService snapshots,
            FeedService feeds,
            RuleService rules,
            @Nullable @Value("${interlink.public-base-url:}") String publicBaseUrl) {
        this.imports = imports;
        this.snapshots = snapshots;
        this.feeds = feeds;
        this.rules = rules;
        this.publicBaseUrl = publicBaseUrl;
    }

    Map<String, Object> view(ImportDefinition d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.id());
        v.put("name", d.name());
        v.put("integrated_account_id", d.accountId());
        v.put("provider", d.provider());
        v.put("resource", d.resource().path());
        v.put("fields", d.fields());
        v.put("filters", d.filters());
        v.put("schedule", d.schedule() == null ? null : d.schedule().view());
        v.put("keep_snapshots", d.keepSnapshots());
        v.put("next_run_at", d.nextRunAt());
        v.put("created_at", d.createdAt());
        v.put("updated_at", d.updatedAt());
        v.put("last_run", imports.lastRun(d.id()).map(ImportRun::view).orElse(null));
        return v;
    }

    @Post
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Map<String, Object>> create(Principal principal, @Body Map<String, Object> body) {
        ImportDefinition d = imports.create(principal.tenantId(), body);
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                .body(view(d))
                .header("Location", "/imports/" + d.id());
    }

    @Get
    @RequiresScope(Scopes.IMPORTS_READ)
    Page<Map<String, Object>> list(
            Principal principal,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable Integer limit) {
        Page<ImportDefinition> page = imports.list(principal.tenantId(), nextCursor, limit);
        return Page.of(page.result().stream().map(this::view).toList(), page.nextCursor());
    }

    @Get("/{id}")
    @RequiresScope(Scopes.IMPORTS_READ)
    Map<String, Object> get(Principal principal, @PathVariable String id) {
        return view(imports.get(principal.tenantId(), id));
    }

    @Patch("/{id}")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    Map<String, Object> update(Principal principal, @PathVariable String id, @Body Map<String, Object> body) {
        return view(imports.update(principal.tenantId(), id, body));
    }

    @Delete("/{id}")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Void> delete(Principal principal, @PathVariable String id) {
        imports.delete(principal.tenantId(), id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/runs")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Map<String, Object>> runNow(Principal principal, @PathVariable String id) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED)
                .body(imports.runNow(principal.tenantId(), id).view());
    }

    @Get("/{id}/runs")
    @RequiresScope(Scopes.IMPORTS_READ)
    Page<Map<String, Object>> runs(
            Principal principal,
            @PathVariable String id,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable Integer limit) {
        Page<ImportRun> page = imports.runs(principal.tenantId(), id, nextCursor, limit);
        return Page.of(page.result().stream().map(ImportRun::view).toList(), page.nextCursor());
    }

    @Get("/{id}/runs/{run}")
    @RequiresScope(Scopes.IMPORTS_READ)
    Map<String, Object> run(Principal principal, @PathVariable String id, @PathVariable String run) {
        return imports.run(principal.tenantId(), id, run).view();
    }

    @Post("/{id}/runs/{run}/cancel")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    Map<String, Object> cancel(Principal principal, @PathVariable String id, @PathVariable String run) {
        return imports.cancel(principal.tenantId(), id, run).view();
    }

    @Get("/{id}/snapshots")
    @RequiresScope(Scopes.IMPORTS_READ)
    Page<Map<String, Object>> snapshots(
            Principal principal,
            @PathVariable String id,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable Integer limit) {
        Page<Snapshot> page = snapshots.list(principal.tenantId(), id, nextCursor, limit);
        return Page.of(page.result().stream().map(SnapshotService::view).toList(), page.nextCursor());
    }

    @Post("/{id}/feeds")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Map<String, Object>> createFeed(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Body @Nullable Map<String, Object> body) {
        FeedService.Created created = feeds.create(principal.tenantId(), id, body);
        Map<String, Object> v = new LinkedHashMap<>(created.feed().view());
        v.put("url", base(request) + "/feeds/" + created.token());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED).body(v);
    }

    /** The configured public URL, else the one this request came to (what the caller can reach). */
    private String base(HttpRequest<?> request) {
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) return publicBaseUrl.replaceAll("/+$", "");
        String host = request.getHeaders().get("Host");
        return (request.isSecure() ? "https://" : "http://") + (host == null ? "127.0.0.1" : host);
    }

    @Get("/{id}/feeds")
    @RequiresScope(Scopes.IMPORTS_READ)
    Page<Map<String, Object>> listFeeds(Principal principal, @PathVariable String id) {
        List<Map<String, Object>> all = feeds.list(principal.tenantId(), id).stream()
                .map(ImportFeed::view)
                .toList();
        return Page.of(all, null);
    }

    @Delete("/{id}/feeds/{feed}")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Void> revokeFeed(Principal principal, @PathVariable String id, @PathVariable String feed) {
        feeds.revoke(principal.tenantId(), id, feed);
        return HttpResponse.noContent();
    }

    @Post("/{id}/rules")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Map<String, Object>> createRule(
            Principal principal, @PathVariable String id, @Body Map<String, Object> body) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                .body(rules.create(principal.tenantId(), id, body).view());
    }

    @Get("/{id}/rules")
    @RequiresScope(Scopes.IMPORTS_READ)
    Page<Map<String, Object>> listRules(Principal principal, @PathVariable String id) {
        return Page.of(
                rules.list(principal.tenantId(), id).stream()
                        .map(ImportRule::view)
                        .toList(),
                null);
    }

    @Delete("/{id}/rules/{rule}")
    @RequiresScope(Scopes.IMPORTS_WRITE)
    HttpResponse<Void> deleteRule(Principal principal, @PathVariable String id, @PathVariable String rule) {
        rules.delete(principal.tenantId(), id, rule);
        return HttpResponse.noContent();
    }
}
