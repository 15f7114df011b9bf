package dev.interlink.admin.webhooks;

import com.vaadin.flow.component.UI;

/** The public API of the webhooks package. */
public final class WebhooksNavigation {
    public static final String ROUTE = "webhooks";

    private WebhooksNavigation() {}

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
