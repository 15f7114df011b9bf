package dev.interlink.admin.overview;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.accounts.AccountsNavigation;
import dev.interlink.admin.api.Dtos.AccountCount;
import dev.interlink.admin.api.Dtos.AccountNeedingReauth;
import dev.interlink.admin.api.Dtos.Bucket;
import dev.interlink.admin.api.Dtos.Overview;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

@Route(value = OverviewNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("Overview · Interlink admin")
class OverviewView extends VerticalLayout {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d").withZone(ZoneOffset.UTC);
    private static final List<String> STATUSES = List.of("active", "needs_reauth", "disabled");

    OverviewView() {
        this(PlatformAdminClients.get());
    }

    OverviewView(PlatformAdminClient platform) {
        add(new H2("Overview"));
        Overview overview;
        try {
            overview = platform.overview(AdminSession.requireToken());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
            return;
        }
        add(reauth(overview.needsReauth()));
        add(new H3("Integrated accounts"), accounts(overview.accounts()));
        add(
                new H3("Requests, last 24 hours (UTC, hourly)"),
                stats("stats-24h", overview.last24Hours()),
                chart("chart-24h", overview.last24Hours(), HOUR::format));
        add(
                new H3("Requests, last 7 days (UTC, daily)"),
                stats("stats-7d", overview.last7Days()),
                chart("chart-7d", overview.last7Days(), DAY::format));
    }

    private Div reauth(List<AccountNeedingReauth> accounts) {
        Div box = new Div();
        box.setId("needs-reauth");
        if (accounts.isEmpty()) {
            box.addClassName("ok-box");
            box.setText("No account needs re-authorization.");
            return box;
        }
        box.addClassName("alert-box");
        box.add(new H3(
                accounts.size() + (accounts.size() == 1 ? " account needs" : " accounts need") + " re-authorization"));
        for (AccountNeedingReauth a : accounts) {
            Div row = new Div();
            Anchor link = new Anchor(
                    AccountsNavigation.pathOf(a.id()),
                    a.provider() + " · " + (a.endUserName() == null ? a.endUserId() : a.endUserName()));
            row.add(link, new Span(a.statusReason() == null ? "" : " — " + a.statusReason()));
            box.add(row);
        }
        return box;
    }

    private com.vaadin.flow.component.Component accounts(List<AccountCount> counts) {
        if (counts.isEmpty()) {
            Div empty = new Div();
            empty.setId("accounts-empty");
            empty.addClassName("empty");
            empty.setText("No accounts yet — create a link token (POST /link-tokens) and open the link widget, or"
                    + " try the demo with ./interlink up.");
            return empty;
        }
        Map<String, Map<String, Long>> byProvider = new TreeMap<>();
        counts.forEach(c ->
                byProvider.computeIfAbsent(c.provider(), p -> new TreeMap<>()).put(c.status(), c.count()));
        Grid<Map.Entry<String, Map<String, Long>>> grid = new Grid<>();
        grid.setId("accounts-by-provider");
        grid.addColumn(Map.Entry::getKey).setHeader("Provider");
        for (String status : STATUSES) {
            grid.addColumn(e -> e.getValue().getOrDefault(status, 0L)).setHeader(status.replace('_', ' '));
        }
        grid.addColumn(e -> e.getValue().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .setHeader("total");
        grid.setItems(List.copyOf(byProvider.entrySet()));
        grid.setAllRowsVisible(true);
        grid.setMaxWidth("720px");
        return grid;
    }

    private static Div stats(String id, List<Bucket> buckets) {
        long requests = buckets.stream().mapToLong(Bucket::requests).sum();
        long errors = buckets.stream().mapToLong(Bucket::errors).sum();
        Div stats = new Div();
        stats.setId(id);
        stats.addClassName("stats");
        String rate = requests == 0 ? "–" : String.format("%.1f%%", 100.0 * errors / requests);
        stats.setText(requests + (requests == 1 ? " request · " : " requests · ") + errors
                + (errors == 1 ? " error" : " errors") + " · error rate " + rate);
        return stats;
    }

    private static com.vaadin.flow.component.Component chart(
            String id, List<Bucket> buckets, Function<java.time.temporal.TemporalAccessor, String> label) {
        if (buckets.stream().allMatch(b -> b.requests() == 0)) {
            Div empty = new Div();
            empty.addClassName("empty");
            empty.setText("No API requests in this period — call /unified/ats/... with a client token to see traffic.");
            return empty;
        }
        return new BarChart(
                id,
                buckets.stream()
                        .map(b -> new BarChart.Bar(label.apply(b.start()), b.requests(), b.errors()))
                        .toList());
    }
}
