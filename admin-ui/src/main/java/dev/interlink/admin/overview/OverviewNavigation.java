package dev.interlink.admin.overview;

import com.vaadin.flow.component.UI;

/** The public API of the overview package: the home screen. */
public final class OverviewNavigation {
    public static final String ROUTE = "";

    private OverviewNavigation() {}

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
