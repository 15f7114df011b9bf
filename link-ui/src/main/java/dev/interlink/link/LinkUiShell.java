package dev.interlink.link;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;

/** Page-level settings of the link UI. */
@Meta(name = "referrer", content = "no-referrer")
@Meta(name = "color-scheme", content = "light")
public class LinkUiShell implements AppShellConfigurator {

    /**
     * A CSS-only spinner shown from the first byte until the view is rendered, so the end customer never stares
     * at a blank frame while Vaadin's scripts load (first visit).
     */
    static final String LOADING_CSS =
            """
            body:not(:has(.link-page))::before {
              content: ""; position: fixed; top: 50%; left: 50%; width: 28px; height: 28px; margin: -14px 0 0 -14px;
              border: 3px solid #dfe3ee; border-top-color: #3b5bdb; border-radius: 50%;
              animation: il-spin .8s linear infinite;
            }
            @keyframes il-spin { to { transform: rotate(360deg); } }
            @media (prefers-reduced-motion: reduce) { body:not(:has(.link-page))::before { animation: none; } }
            """;

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Connect your account");
        settings.addInlineWithContents(Inline.Position.APPEND, LOADING_CSS, Inline.Wrapping.STYLESHEET);
    }
}
