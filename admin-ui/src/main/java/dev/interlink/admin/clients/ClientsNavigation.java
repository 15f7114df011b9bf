package dev.interlink.admin.clients;

import com.vaadin.flow.component.UI;

/** The public API of the API-clients package. */
public final class ClientsNavigation {
    public static final String ROUTE = "api-clients";

    private ClientsNavigation() {}

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
