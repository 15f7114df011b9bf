package dev.interlink.link.flow;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import dev.interlink.link.api.ProviderInfo;
import java.util.Locale;

/** A provider's logo, or its initial when there is no logo or it fails to load. Decorative: the name is shown. */
final class ProviderLogo extends Composite<Span> {

    ProviderLogo(ProviderInfo provider, String sizeClass) {
        Span root = getContent();
        root.addClassNames("provider-logo", sizeClass);
        root.getElement().setAttribute("aria-hidden", "true");
        Span initial = new Span(provider.name().substring(0, 1).toUpperCase(Locale.ROOT));
        initial.addClassName("provider-initial");
        root.add(initial);
        String url = provider.logoUrl();
        if (url != null && (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/"))) {
            Image logo = new Image(url, "");
            logo.getElement().setAttribute("loading", "eager");
            logo.getElement().setAttribute("referrerpolicy", "no-referrer");
            logo.getElement().addEventListener("error", e -> logo.setVisible(false));
            logo.getElement().addEventListener("load", e -> initial.setVisible(false));
            root.add(logo);
        }
    }
}
