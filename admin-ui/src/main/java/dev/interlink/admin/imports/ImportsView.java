package dev.interlink.admin.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.AccountQuery;
import dev.interlink.admin.api.Dtos.FieldError;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's imports (docs/imports.md): create one (account, resource, fields from the unified model, schedule), run
 * it and watch its progress bar and ETA move (the page polls while a run is queued or running), download its
 * snapshots as CSV or XLSX (streamed from platform-api), compare two snapshots, and create a feed URL.
 */
@Route(value = ImportsNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("Imports · Interlink admin")
class ImportsView extends VerticalLayout {
    static final List<String> RESOURCES =
            List.of("candidates", "applications", "jobs", "job_interview_stages", "users", "companies");
    static final Map<String, String> SCHEDULES = scheduleChoices();

    private final PlatformAdminClient platform;
    final Grid<JsonNode> imports = new Grid<>();
    final ComboBox<Account> account = new ComboBox<>("Account");
    final Select<String> resource = new Select<>();
    final MultiSelectComboBox<String> fields = new MultiSelectComboBox<>("Fields");
    final Select<String> schedule = new Select<>();
    final TextField name = new TextField("Name");
    final Button create = new Button("Create import");
    final H3 selectedTitle = new H3();
    final Button runNow = new Button("Run now");
    final Grid<JsonNode> runs = new Grid<>();
    final Grid<JsonNode> snapshots = new Grid<>();
    final Select<JsonNode> diffFrom = new Select<>();
    final Select<JsonNode> diffTo = new Select<>();
    final Button compare = new Button("Compare");
    final Div diffCounts = new Div();
    final Grid<Map<String, String>> diff = new Grid<>();
    final FeedsPanel feeds;
    final RulesPanel rules;
    final VerticalLayout detail = new VerticalLayout();
    JsonNode selected;

    ImportsView() {
        this(PlatformAdminClients.get());
    }

    ImportsView(PlatformAdminClient platform) {
        this.platform = platform;
        imports.setId("imports-grid");
        imports.addColumn(i -> i.path("name").asText()).setHeader("Name").setFlexGrow(1);
        imports.addColumn(i ->
                        i.path("provider").asText() + " " + i.path("resource").asText())
                .setHeader("What");
        imports.addColumn(i -> scheduleText(i.path("schedule"))).setHeader("Schedule");
        imports.addColumn(i -> i.path("last_run").path("status").asText("never run"))
                .setHeader("Last run");
        imports.setAllRowsVisible(true);
        imports.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));

        account.setId("import-account");
        account.setItemLabelGenerator(a -> a.provider() + " · " + (a.endUserId() == null ? a.id() : a.endUserId()));
        resource.setId("import-resource");
        resource.setLabel("Resource");
        resource.setItems(RESOURCES);
        resource.addValueChangeListener(e -> loadFields(e.getValue()));
        fields.setId("import-fields");
        fields.setWidth("420px");
        schedule.setId("import-schedule");
        schedule.setLabel("Schedule");
        schedule.setItems(SCHEDULES.keySet());
        schedule.setValue("On demand");
        name.setId("import-name");
        create.setId("create-import");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        HorizontalLayout form = new HorizontalLayout(name, account, resource, fields, schedule, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        runNow.setId("run-import");
        runNow.addClickListener(e -> runNow());
        runs.setId("import-runs");
        runs.addColumn(r -> r.path("status").asText()).setHeader("Status").setKey("status");
        runs.addComponentColumn(this::progress)
                .setHeader("Progress")
                .setKey("progress")
                .setWidth("220px");
        runs.addColumn(r -> r.path("records_read").asText()).setHeader("Records");
        runs.addColumn(ImportsView::eta).setHeader("ETA").setKey("eta");
        runs.addColumn(r -> r.path("problem").path("detail").asText("")).setHeader("Problem");
        runs.setAllRowsVisible(true);
        snapshots.setId("import-snapshots");
        snapshots.addColumn(s -> s.path("created_at").asText()).setHeader("Taken");
        snapshots.addColumn(s -> s.path("record_count").asText()).setHeader("Records");
        snapshots.addComponentColumn(this::downloads).setHeader("Download").setKey("downloads");
        snapshots.setAllRowsVisible(true);
        diffFrom.setId("diff-from");
        diffFrom.setLabel("From (older)");
        diffTo.setId("diff-to");
        diffTo.setLabel("To (newer)");
        for (Select<JsonNode> s : List.of(diffFrom, diffTo)) {
            s.setItemLabelGenerator(n -> n.path("created_at").asText() + " ("
                    + n.path("record_count").asText() + ")");
        }
        compare.setId("compare-snapshots");
        compare.addClickListener(e -> compare());
        diffCounts.setId("diff-counts");
        diff.setId("diff-changes");
        diff.addColumn(m -> m.get("change")).setHeader("Change");
        diff.addColumn(m -> m.get("id")).setHeader("Record");
        diff.addColumn(m -> m.get("field")).setHeader("Field");
        diff.addColumn(m -> m.get("before")).setHeader("Before");
        diff.addColumn(m -> m.get("after")).setHeader("After");
        diff.setAllRowsVisible(true);
        HorizontalLayout diffForm = new HorizontalLayout(diffFrom, diffTo, compare);
        diffForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        feeds = new FeedsPanel(platform);
        rules = new RulesPanel(platform);
        detail.setId("import-detail");
        detail.setPadding(false);
        detail.add(
                selectedTitle,
                runNow,
                runs,
                new H3("Snapshots"),
                snapshots,
                new H3("Compare snapshots"),
                diffForm,
                diffCounts,
                diff,
                feeds,
                rules);
        detail.setVisible(false);

        add(
                new H2("Imports"),
                new Paragraph("Unified ATS data into snapshots, on a schedule or on demand, exported to CSV and XLSX."),
                imports,
                new H3("New import"),
                form,
                detail);
        loadAccounts();
        refresh();
    }

    private static Map<String, String> scheduleChoices() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("On demand", null);
        m.put("Every 15 minutes", "15m");
        m.put("Every hour", "1h");
        m.put("Every day", "1d");
        return m;
    }

    static String scheduleText(JsonNode s) {
        if (s == null || s.isNull() || s.isMissingNode()) return "on demand";
        return s.has("every")
                ? "every " + s.path("every").asText()
                : "cron " + s.path("cron").asText();
    }

    static String eta(JsonNode run) {
        JsonNode eta = run.path("progress").path("eta");
        if (eta.isNull() || eta.isMissingNode()) return "";
        String wait =
                run.path("progress").path("waiting_for_budget").asBoolean() ? " (waiting for the provider budget)" : "";
        return eta.asText() + wait;
    }

    ProgressBar progress(JsonNode run) {
        ProgressBar bar = new ProgressBar(0, 100);
        bar.setId("run-progress-" + run.path("id").asText());
        bar.addClassName("run-progress");
        JsonNode percent = run.path("progress").path("percent");
        if (percent.isNumber()) bar.setValue(Math.min(100, percent.asDouble()));
        else bar.setIndeterminate(run.path("status").asText().equals("running"));
        return bar;
    }

    private HorizontalLayout downloads(JsonNode snapshot) {
        UUID id = UUID.fromString(snapshot.path("id").asText());
        return new HorizontalLayout(download(id, "csv"), download(id, "xlsx"));
    }

    /** A link that streams the file from platform-api through a pipe: never the whole file in memory. */
    private Anchor download(UUID snapshotId, String format) {
        String token = AdminSession.requireToken();
        StreamResource file = new StreamResource("snapshot-" + snapshotId + "." + format, () -> {
            try {
                PipedInputStream in = new PipedInputStream(256 * 1024);
                PipedOutputStream out = new PipedOutputStream(in);
                Thread writer = new Thread(
                        () -> {
                            try (out) {
                                platform.downloadSnapshot(token, snapshotId, format, out);
                            } catch (Exception ignored) {
                                // the browser went away, or the platform answered a problem: the download ends short
                            }
                        },
                        "snapshot-download");
                writer.setDaemon(true);
                writer.start();
                return in;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Anchor a = new Anchor(file, format.toUpperCase(java.util.Locale.ROOT));
        a.setId("download-" + format + "-" + snapshotId);
        a.getElement().setAttribute("download", true);
        return a;
    }

    private void loadAccounts() {
        try {
            account.setItems(platform.accounts(AdminSession.requireToken(), AccountQuery.all(), null, 100)
                    .result());
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    private void loadFields(String res) {
        fields.clear();
        if (res == null) return;
        try {
            fields.setItems(platform.importFields(AdminSession.requireToken(), res));
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    void refresh() {
        try {
            List<JsonNode> all = new ArrayList<>();
            platform.imports(AdminSession.requireToken()).path("result").forEach(all::add);
            imports.setItems(all);
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    void create() {
        account.setInvalid(false);
        fields.setInvalid(false);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!name.getValue().isBlank()) body.put("name", name.getValue());
        body.put(
                "integrated_account_id",
                account.getValue() == null ? null : account.getValue().id().toString());
        body.put("resource", resource.getValue());
        body.put("fields", new ArrayList<>(fields.getSelectedItems()));
        String every = SCHEDULES.get(schedule.getValue());
        body.put("schedule", every == null ? null : Map.of("every", every));
        try {
            JsonNode created = platform.createImport(AdminSession.requireToken(), body);
            Feedback.done("Import created");
            refresh();
            select(created);
        } catch (PlatformProblem p) {
            for (FieldError e : p.errors()) {
                if (e.pointer().startsWith("/fields")) show(fields, e);
                else if (e.pointer().startsWith("/integrated_account_id")) show(account, e);
                else if (e.pointer().startsWith("/resource")) {
                    resource.setInvalid(true);
                    resource.setErrorMessage(e.detail());
                }
            }
            Feedback.failed(p);
        }
    }

    private static void show(com.vaadin.flow.component.HasValidation field, FieldError e) {
        field.setInvalid(true);
        field.setErrorMessage(e.detail());
    }

    void select(JsonNode i) {
        selected = i;
        detail.setVisible(i != null);
        if (i == null) return;
        selectedTitle.setText(i.path("name").asText());
        refreshDetail();
        List<String> importFields = new ArrayList<>();
        i.path("fields").forEach(f -> importFields.add(f.asText()));
        feeds.show(selectedId());
        rules.show(selectedId(), importFields);
    }

    UUID selectedId() {
        return UUID.fromString(selected.path("id").asText());
    }

    void refreshDetail() {
        if (selected == null) return;
        try {
            String token = AdminSession.requireToken();
            List<JsonNode> r = new ArrayList<>();
            platform.importRuns(token, selectedId()).path("result").forEach(r::add);
            runs.setItems(r);
            List<JsonNode> s = new ArrayList<>();
            platform.snapshots(token, selectedId()).path("result").forEach(s::add);
            snapshots.setItems(s);
            diffFrom.setItems(s);
            diffTo.setItems(s);
            if (s.size() >= 2) {
                diffTo.setValue(s.get(0));
                diffFrom.setValue(s.get(1));
            }
            boolean active = r.stream().anyMatch(x -> List.of("queued", "running")
                    .contains(x.path("status").asText()));
            UI.getCurrent().setPollInterval(active ? 1000 : -1);
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    void runNow() {
        try {
            platform.runImport(AdminSession.requireToken(), selectedId());
            refreshDetail();
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    void compare() {
        if (diffFrom.getValue() == null || diffTo.getValue() == null) {
            Feedback.error("Choose two snapshots");
            return;
        }
        try {
            JsonNode d = platform.snapshotDiff(
                    AdminSession.requireToken(),
                    UUID.fromString(diffTo.getValue().path("id").asText()),
                    UUID.fromString(diffFrom.getValue().path("id").asText()));
            JsonNode c = d.path("counts");
            diffCounts.setText(
                    c.path("added").asText() + " added, " + c.path("removed").asText() + " removed, "
                            + c.path("changed").asText() + " changed");
            List<Map<String, String>> rows = new ArrayList<>();
            d.path("added").forEach(x -> rows.add(row("added", x.path("id").asText(), "", "", "")));
            d.path("removed").forEach(x -> rows.add(row("removed", x.path("id").asText(), "", "", "")));
            d.path("changed").forEach(x -> x.path("changes")
                    .forEach(ch -> rows.add(row(
                            "changed",
                            x.path("id").asText(),
                            ch.path("field").asText(),
                            text(ch.path("before")),
                            text(ch.path("after"))))));
            diff.setItems(rows);
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "" : n.isValueNode() ? n.asText() : n.toString();
    }

    private static Map<String, String> row(String change, String id, String field, String before, String after) {
        return Map.of("change", change, "id", id, "field", field, "before", before, "after", after);
    }

    @Override
    protected void onAttach(AttachEvent e) {
        super.onAttach(e);
        e.getUI().addPollListener(p -> refreshDetail());
    }

    @Override
    protected void onDetach(DetachEvent e) {
        e.getUI().setPollInterval(-1);
        super.onDetach(e);
    }
}
