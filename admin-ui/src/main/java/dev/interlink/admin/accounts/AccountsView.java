package dev.interlink.admin.accounts;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.CursorPager;
import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.AccountQuery;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The accounts list with filters, lazy paging over the API cursor, and the selected account beside it. */
@Route(value = AccountsNavigation.ROUTE + "/:id?", layout = MainLayout.class)
@PageTitle("Integrated accounts · Interlink admin")
class AccountsView extends HorizontalLayout implements BeforeEnterObserver {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final int PAGE_SIZE = 50;

    private final PlatformAdminClient platform;
    /** The provider filter offers what the catalog offers (GET /integrations), labelled by display name. */
    final ComboBox<String> provider = new ComboBox<>("Provider");

    final ComboBox<String> status = new ComboBox<>("Status", "active", "needs_reauth", "disabled");
    final TextField endUser = new TextField("End user id");
    final TextField text = new TextField("Search");
    final Grid<Account> grid = new Grid<>();
    final Div empty = new Div();
    final AccountDetails details;
    private CursorPager<Account> pager;
    private AccountQuery pagerQuery;

    AccountsView() {
        this(PlatformAdminClients.get());
    }

    AccountsView(PlatformAdminClient platform) {
        this.platform = platform;
        this.details = new AccountDetails(platform, this::changed);
        setSizeFull();
        provider.setId("filter-provider");
        provider.setClearButtonVisible(true);
        status.setId("filter-status");
        status.setClearButtonVisible(true);
        endUser.setId("filter-end-user");
        endUser.setClearButtonVisible(true);
        text.setId("filter-text");
        text.setPlaceholder("name, email, id");
        text.setHelperText("Searches the accounts matching the other filters");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        endUser.setValueChangeMode(ValueChangeMode.LAZY);
        provider.addValueChangeListener(e -> reload());
        status.addValueChangeListener(e -> reload());
        endUser.addValueChangeListener(e -> reload());
        text.addValueChangeListener(e -> reload());

        grid.setId("accounts");
        grid.addColumn(Account::provider).setHeader("Provider").setAutoWidth(true);
        grid.addColumn(Account::endUserLabel).setHeader("End user").setFlexGrow(1);
        grid.addComponentColumn(a -> StatusBadge.of(a.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addColumn(a -> a.lastUsedAt() == null ? "never" : TIME.format(a.lastUsedAt()))
                .setHeader("Last used (UTC)")
                .setAutoWidth(true);
        Grid.Column<Account> created = grid.addColumn(a -> TIME.format(a.createdAt()))
                .setHeader("Created (UTC)")
                .setKey("created_at")
                .setSortable(true)
                .setAutoWidth(true);
        grid.sort(List.of(new GridSortOrder<>(created, SortDirection.DESCENDING)));
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit(), newestFirst(query.getSortOrders())));
        grid.setPageSize(PAGE_SIZE);
        grid.addItemClickListener(e -> AccountsNavigation.navigateTo(e.getItem().id()));

        empty.setId("accounts-empty");
        empty.addClassName("empty");
        empty.setText("No accounts match — clear the filters. No accounts at all yet? Create a link token "
                + "(POST /link-tokens) and open the link widget, or try the demo with ./interlink up.");
        empty.setVisible(false);

        HorizontalLayout filters = new HorizontalLayout(provider, status, endUser, text);
        filters.setAlignItems(Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        VerticalLayout list = new VerticalLayout(new H2("Integrated accounts"), filters, empty, grid);
        list.setSizeFull();
        list.setFlexGrow(1, grid);
        add(list, details);
        setFlexGrow(2, list);
        setFlexGrow(1, details);
    }

    private static boolean newestFirst(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        return orders.isEmpty() || orders.get(0).getDirection() == SortDirection.DESCENDING;
    }

    AccountQuery query(boolean newestFirst) {
        return new AccountQuery(
                provider.getValue(), status.getValue(), blank(endUser.getValue()), blank(text.getValue()), newestFirst);
    }

    private Stream<Account> fetch(int offset, int limit, boolean newestFirst) {
        AccountQuery q = query(newestFirst);
        if (pager == null || !q.equals(pagerQuery)) {
            String token = AdminSession.requireToken();
            pager = new CursorPager<>(
                    (cursor, size) -> platform.accounts(token, q, cursor, size),
                    PAGE_SIZE,
                    a -> a.matches(q.text()),
                    !q.newestFirst());
            pagerQuery = q;
        }
        try {
            List<Account> rows = pager.rows(offset, limit).toList();
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

    private void changed(Optional<Account> account) {
        reload();
        if (account.isEmpty()) {
            AccountsNavigation.navigate();
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        loadProviders();
        Optional<UUID> id = event.getRouteParameters().get("id").flatMap(AccountsView::uuid);
        if (id.isEmpty()) {
            details.clear();
            return;
        }
        details.show(id.get());
    }

    private void loadProviders() {
        if (!provider.getListDataView().getItems().findAny().isPresent()) {
            try {
                Map<String, String> names = new LinkedHashMap<>();
                platform.integrations(AdminSession.requireToken()).forEach(i -> names.put(i.id(), i.displayName()));
                provider.setItems(names.keySet());
                provider.setItemLabelGenerator(id -> names.getOrDefault(id, id));
            } catch (PlatformProblem problem) {
                Feedback.failed(problem);
            }
        }
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A coloured status label. */
    static final class StatusBadge {
        private StatusBadge() {}

        static Span of(String status) {
            Span badge = new Span(status.replace('_', ' '));
            badge.getElement().getThemeList().add("badge");
            badge.addClassName("status-" + status);
            badge.getElement().setAttribute("data-status", status);
            return badge;
        }
    }
}
