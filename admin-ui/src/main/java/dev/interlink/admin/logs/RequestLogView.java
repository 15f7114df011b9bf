package dev.interlink.admin.logs;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.CursorPager;
import dev.interlink.admin.api.Dtos.LogQuery;
import dev.interlink.admin.api.Dtos.RequestLog;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** The tenant's request log: filter by account, status, route and time; a row shows its timings. */
@Route(value = LogsNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("Request logs · Interlink admin")
class RequestLogView extends HorizontalLayout implements BeforeEnterObserver {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PlatformAdminClient platform;
    final TextField account = new TextField("Account id");
    final ComboBox<String> status = new ComboBox<>("Status", "2xx", "4xx", "5xx", "401", "404", "429", "502");
    final TextField route = new TextField("Route");
    final DateTimePicker since = new DateTimePicker("From (UTC)");
    final DateTimePicker until = new DateTimePicker("To (UTC)");
    final Grid<RequestLog> grid = new Grid<>();
    final Div empty = new Div();
    final Div detail = new Div();
    private CursorPager<RequestLog> pager;
    private LogQuery pagerQuery;

    RequestLogView() {
        this(PlatformAdminClients.get());
    }

    RequestLogView(PlatformAdminClient platform) {
        this.platform = platform;
        setSizeFull();
        account.setId("log-account");
        account.setClearButtonVisible(true);
        account.setValueChangeMode(ValueChangeMode.LAZY);
        status.setId("log-status");
        status.setAllowCustomValue(true);
        status.addCustomValueSetListener(e -> status.setValue(e.getDetail()));
        status.setClearButtonVisible(true);
        route.setId("log-route");
        route.setPlaceholder("/unified/ats/candidates");
        route.setClearButtonVisible(true);
        route.setValueChangeMode(ValueChangeMode.LAZY);
        since.setId("log-since");
        until.setId("log-until");
        account.addValueChangeListener(e -> reload());
        status.addValueChangeListener(e -> reload());
        route.addValueChangeListener(e -> reload());
        since.addValueChangeListener(e -> reload());
        until.addValueChangeListener(e -> reload());

        grid.setId("logs");
        grid.addColumn(l -> TIME.format(l.createdAt())).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(RequestLog::method).setHeader("Method").setAutoWidth(true);
        grid.addColumn(RequestLog::route).setHeader("Route").setFlexGrow(1);
        grid.addColumn(RequestLog::status)
                .setHeader("Status")
                .setAutoWidth(true)
                .setClassNameGenerator(l -> l.status() >= 400 ? "log-error" : "log-ok");
        grid.addColumn(l -> l.durationMs() + " ms").setHeader("Duration").setAutoWidth(true);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()));
        grid.setPageSize(50);
        grid.asSingleSelect().addValueChangeListener(e -> showDetail(e.getValue()));

        empty.setId("logs-empty");
        empty.addClassName("empty");
        empty.setText("No requests match — widen the time range or clear filters. Requests appear here as soon as your"
                + " backend calls the Interlink API.");
        empty.setVisible(false);
        detail.setId("log-detail");
        detail.addClassName("details");
        showDetail(null);

        HorizontalLayout filters = new HorizontalLayout(account, status, route, since, until);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        VerticalLayout list = new VerticalLayout(new H2("Request logs"), filters, empty, grid);
        list.setSizeFull();
        list.setFlexGrow(1, grid);
        add(list, detail);
        setFlexGrow(3, list);
        setFlexGrow(1, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> accountParam =
                event.getLocation().getQueryParameters().getParameters().get("account");
        if (accountParam != null && !accountParam.isEmpty()) {
            account.setValue(accountParam.get(0));
        }
    }

    LogQuery query() {
        UUID accountId = null;
        String a = account.getValue().strip();
        if (!a.isEmpty()) {
            try {
                accountId = UUID.fromString(a);
                account.setInvalid(false);
            } catch (IllegalArgumentException e) {
                account.setInvalid(true);
                account.setErrorMessage("An account id is a UUID");
            }
        }
        return new LogQuery(
                accountId,
                status.getValue(),
                route.getValue().isBlank() ? null : route.getValue().strip(),
                instant(since.getValue()),
                instant(until.getValue()));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private Stream<RequestLog> fetch(int offset, int limit) {
        LogQuery q = query();
        if (pager == null || !q.equals(pagerQuery)) {
            String token = AdminSession.requireToken();
            pager = new CursorPager<>((cursor, size) -> platform.logs(token, q, cursor, size), 50);
            pagerQuery = q;
        }
        try {
            List<RequestLog> rows = pager.rows(offset, limit).toList();
            if (offset == 0) {
                empty.setVisible(rows.isEmpty());
            }
            return rows.stream();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
            return Stream.empty();
        }
    }

    private void reload() {
        pager = null;
        grid.getDataProvider().refreshAll();
    }

    void showDetail(RequestLog log) {
        detail.removeAll();
        if (log == null) {
            Span hint = new Span("Select a request to see its timings.");
            hint.addClassName("muted");
            detail.add(hint);
            return;
        }
        detail.add(
                new H3(log.method() + " " + log.route()),
                fact("Status", String.valueOf(log.status())),
                fact("Request id", log.requestId() == null ? "–" : log.requestId()),
                fact("Time", TIME.format(log.createdAt()) + " UTC"),
                fact("Total", log.durationMs() + " ms"),
                fact(
                        "Provider time",
                        log.remoteDurationMs() == null ? "– (no provider call)" : log.remoteDurationMs() + " ms"),
                fact("Interlink time", log.platformMs() + " ms"),
                fact("Account", log.accountId() == null ? "–" : log.accountId().toString()));
    }

    private static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassName("fact-label");
        Div row = new Div(l, new Span(value));
        row.addClassName("fact");
        return row;
    }
}
