package dev.interlink.link.flow;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.interlink.link.api.ProviderInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The providers the token allows, as keyboard-friendly tiles, with a search box when there are many. */
final class ProviderList extends Composite<Div> {
    static final int SEARCH_THRESHOLD = 6;

    private final List<NativeButton> tiles = new ArrayList<>();
    private final List<ProviderInfo> providers;
    private final Paragraph noMatch = new Paragraph();
    private TextField search;

    ProviderList(String tenantName, List<ProviderInfo> providers, Consumer<ProviderInfo> onChoose) {
        this.providers = providers;
        Div root = getContent();
        root.setId("providers");
        root.addClassName("step");

        H1 title = new H1("Choose your " + category(providers));
        title.addClassName("step-title");
        Paragraph intro = new Paragraph(tenantName + " uses Interlink to connect to your account.");
        intro.addClassName("step-intro");
        root.add(title, intro);

        if (providers.size() > SEARCH_THRESHOLD) {
            search = new TextField();
            search.setId("provider-search");
            search.setPlaceholder("Search");
            search.setAriaLabel("Search providers");
            search.setPrefixComponent(VaadinIcon.SEARCH.create());
            search.setClearButtonVisible(true);
            search.setWidthFull();
            search.setValueChangeMode(ValueChangeMode.EAGER);
            search.addValueChangeListener(e -> filter(e.getValue()));
            search.addClassName("provider-search");
            root.add(search);
        }

        Div grid = new Div();
        grid.addClassName("provider-grid");
        for (ProviderInfo provider : providers) {
            NativeButton tile = new NativeButton();
            tile.setId("provider-" + provider.id());
            tile.addClassName("provider-tile");
            tile.getElement().setAttribute("aria-label", "Connect " + provider.name());
            Span name = new Span(provider.name());
            name.addClassName("provider-name");
            Span chevron = new Span(VaadinIcon.ANGLE_RIGHT.create());
            chevron.addClassName("provider-chevron");
            tile.add(new ProviderLogo(provider, "logo-m"), name, chevron);
            tile.addClickListener(e -> onChoose.accept(provider));
            tiles.add(tile);
            grid.add(tile);
        }
        noMatch.setId("no-providers-match");
        noMatch.addClassName("empty-state");
        noMatch.setVisible(false);
        root.add(grid, noMatch);
    }

    void filter(String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        int shown = 0;
        for (int i = 0; i < providers.size(); i++) {
            ProviderInfo p = providers.get(i);
            boolean match = q.isEmpty()
                    || p.name().toLowerCase(Locale.ROOT).contains(q)
                    || p.id().toLowerCase(Locale.ROOT).contains(q);
            tiles.get(i).setVisible(match);
            shown += match ? 1 : 0;
        }
        noMatch.setText("No system matches “" + query.trim() + "”.");
        noMatch.setVisible(shown == 0);
    }

    void focus() {
        if (search != null) {
            search.focus();
        } else if (!tiles.isEmpty()) {
            tiles.get(0).focus();
        }
    }

    private static String category(List<ProviderInfo> providers) {
        boolean allAts = providers.stream().allMatch(p -> p.category() == null || "ats".equalsIgnoreCase(p.category()));
        return allAts ? "applicant tracking system" : "account";
    }
}
