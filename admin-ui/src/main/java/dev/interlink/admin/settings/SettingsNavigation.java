package dev.interlink.admin.settings;

import com.vaadin.flow.component.UI;

/** The public API of the settings package. */
public final class SettingsNavigation {
    public static final String ROUTE = "settings";

    private SettingsNavigation() {}

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
