package dev.interlink.link;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;

/** Page-level settings of the link UI. */
@Meta(name = "referrer", content = "no-referrer")
@Meta(name = "color-scheme", content = "light")
public class LinkUiShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Connect your account");
    }
}
