package dev.interlink.platform.imports;

import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** {@code GET /import-fields?resource=}: the field paths an import of that resource can pick, with their types. */
@Controller("/import-fields")
@Tag(name = "Imports")
class ImportFieldsController {
    @Get
    @RequiresScope(Scopes.IMPORTS_READ)
    Map<String, Object> fields(@QueryValue @Nullable String resource) {
        AtsResource r = resource == null ? null : AtsResource.byPath(resource).orElse(null);
        if (r == null) throw ApiProblem.invalid("/resource", "must be a unified ATS resource such as candidates");
        return Map.of("resource", r.path(), "fields", FieldPaths.of(r));
    }
}
