package dev.interlink.platform.imports;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An import's rules: each names what, after a run, is announced as {@code import.rule_matched}. */
@Singleton
class RuleService {
    static final int MAX_RULES = 20;
    private static final List<String> WHEN = List.of(ImportRule.ADDED, ImportRule.REMOVED, ImportRule.CHANGED);

    private final ImportService imports;
    private final ExtrasRepository extras;
    private final Clock clock;

    RuleService(ImportService imports, ExtrasRepository extras, Clock clock) {
        this.imports = imports;
        this.extras = extras;
        this.clock = clock;
    }

    @Transactional
    ImportRule create(UUID tenantId, String importId, Map<String, Object> body) {
        ImportDefinition d = imports.get(tenantId, importId);
        List<FieldError> errors = new ArrayList<>();
        for (String k : body.keySet()) {
            if (!List.of("when", "field", "to").contains(k))
                errors.add(new FieldError("/" + k, "is not a field of a rule"));
        }
        Object when = body.get("when");
        if (!(when instanceof String w) || !WHEN.contains(w)) {
            errors.add(new FieldError("/when", "must be one of " + String.join(", ", WHEN)));
        }
        Object field = body.get("field");
        Object to = body.get("to");
        if (ImportRule.CHANGED.equals(when)) {
            if (!(field instanceof String f)) errors.add(new FieldError("/field", "is required when field_changed"));
            else if (!d.fields().contains(f)) {
                errors.add(new FieldError("/field", "must be one of the import's fields"));
            }
            if (to != null && !(to instanceof String)) errors.add(new FieldError("/to", "must be a text"));
        } else {
            if (field != null) errors.add(new FieldError("/field", "is only for field_changed"));
            if (to != null) errors.add(new FieldError("/to", "is only for field_changed"));
        }
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
        if (extras.rules(tenantId, d.id()).size() >= MAX_RULES) {
            throw ApiProblem.of(ErrorCode.PLATFORM_LIMIT_REACHED, "An import has at most " + MAX_RULES + " rules");
        }
        ImportRule rule = new ImportRule(
                UUID.randomUUID(),
                tenantId,
                d.id(),
                (String) when,
                (String) field,
                (String) to,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        extras.insertRule(rule);
        return rule;
    }

    @Transactional
    List<ImportRule> list(UUID tenantId, String importId) {
        return extras.rules(tenantId, imports.get(tenantId, importId).id());
    }

    @Transactional
    void delete(UUID tenantId, String importId, String ruleId) {
        ImportDefinition d = imports.get(tenantId, importId);
        if (!extras.deleteRule(tenantId, d.id(), ImportService.id(ruleId, "Rule")))
            throw ImportService.notFound("Rule");
    }
}
