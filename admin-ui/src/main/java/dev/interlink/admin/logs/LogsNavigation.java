package dev.interlink.admin.logs;

import com.vaadin.flow.component.UI;
import java.util.UUID;

/** The public API of the request-log package. Filters live in the query string, so views can be shared. */
public final class LogsNavigation {
    public static final String ROUTE = "logs";

    private LogsNavigation() {}

    public static String pathForAccount(UUID accountId) {
        return ROUTE + "?account=" + accountId;
    }

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
