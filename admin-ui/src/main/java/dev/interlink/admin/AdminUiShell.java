package dev.interlink.admin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;

/** Page-level settings. The plain CSS (no npm build) is attached by MainLayout and SignInView. */
@Meta(name = "referrer", content = "no-referrer")
public class AdminUiShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Interlink admin");
    }
}
