package dev.interlink.admin;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;

/** Page-level settings: plain CSS (no npm build, stack-notes §3), no referrer to other sites. */
@StyleSheet("context://css/admin.css")
@Meta(name = "referrer", content = "no-referrer")
public class AdminUiShell implements AppShellConfigurator {
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Interlink admin");
    }
}
