package dev.interlink.admin.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of the selected import (docs/imports.md, "Rules"): after each run, each record matching one is sent to
 * the tenant's webhooks as an {@code import.rule_matched} event. A {@code field_changed} rule names one of the
 * import's fields and optionally the value it changed to.
 */
class RulesPanel extends VerticalLayout {
    static final List<String> WHEN = List.of("record_added", "record_removed", "field_changed");

    private final PlatformAdminClient platform;
    final Select<String> when = new Select<>();
    final Select<String> field = new Select<>();
    final TextField to = new TextField("To (optional)");
    final Button add = new Button("Add rule");
    final Grid<JsonNode> rules = new Grid<>();
    private UUID importId;

    RulesPanel(PlatformAdminClient platform) {
        this.platform = platform;
        setPadding(false);
        when.setId("rule-when");
        when.setLabel("When");
        when.setItems(WHEN);
        when.setValue("record_added");
        when.addValueChangeListener(e -> {
            boolean changed = "field_changed".equals(e.getValue());
            field.setEnabled(changed);
            to.setEnabled(changed);
        });
        field.setId("rule-field");
        field.setLabel("Field");
        field.setEnabled(false);
        to.setId("rule-to");
        to.setEnabled(false);
        add.setId("add-rule");
        add.addClickListener(e -> add());
        rules.setId("import-rules");
        rules.addColumn(r -> r.path("when").asText()).setHeader("When");
        rules.addColumn(r -> r.path("field").asText("")).setHeader("Field");
        rules.addColumn(r -> r.path("to").asText("")).setHeader("To");
        rules.addComponentColumn(this::deleteButton).setKey("delete");
        rules.setAllRowsVisible(true);
        HorizontalLayout form = new HorizontalLayout(when, field, to, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H3("Rules"),
                new Paragraph("After each run, every record matching a rule is sent to your webhooks as an"
                        + " import.rule_matched event."),
                form,
                rules);
    }

    void show(UUID importId, List<String> importFields) {
        this.importId = importId;
        field.setItems(importFields);
        refresh();
    }

    void add() {
        field.setInvalid(false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("when", when.getValue());
        if ("field_changed".equals(when.getValue())) {
            body.put("field", field.getValue());
            if (!to.getValue().isBlank()) body.put("to", to.getValue());
        }
        try {
            platform.createRule(AdminSession.requireToken(), importId, body);
            Feedback.done("Rule added");
            refresh();
        } catch (PlatformProblem p) {
            p.errors().stream()
                    .filter(e -> e.pointer().startsWith("/field") || e.pointer().startsWith("/to"))
                    .findFirst()
                    .ifPresent(e -> {
                        field.setInvalid(true);
                        field.setErrorMessage(e.detail());
                    });
            Feedback.failed(p);
        }
    }

    private void refresh() {
        try {
            List<JsonNode> all = new ArrayList<>();
            platform.rules(AdminSession.requireToken(), importId).path("result").forEach(all::add);
            rules.setItems(all);
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    private Button deleteButton(JsonNode rule) {
        Button b = new Button("Delete", e -> {
            try {
                platform.deleteRule(
                        AdminSession.requireToken(),
                        importId,
                        UUID.fromString(rule.path("id").asText()));
                refresh();
            } catch (PlatformProblem p) {
                Feedback.failed(p);
            }
        });
        b.setId("delete-rule-" + rule.path("id").asText());
        return b;
    }
}
