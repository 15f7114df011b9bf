package dev.interlink.link.flow;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static dev.interlink.link.api.FakePlatformLinkClient.cats;
import static dev.interlink.link.api.FakePlatformLinkClient.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.interlink.link.api.FakePlatformLinkClient;
import dev.interlink.link.api.PlatformLinkClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The route as the browser reaches it: Vaadin creates the package-private view through our instantiator. */
class LinkRouteTest {

    @BeforeEach
    void setUp() {
        PlatformLinkClients.use(new FakePlatformLinkClient().session("tok", session(cats())));
        // Views are package-private, which Karibu's classpath scan skips: register the route explicitly.
        Routes routes = new Routes();
        routes.getRoutes().add(LinkView.class);
        MockVaadin.setup(routes);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void the_route_without_a_token_shows_the_incomplete_link_page() {
        UI.getCurrent().navigate(LinkNavigation.ROUTE);

        assertEquals("This link is incomplete", _get(H1.class).getText());
    }

    @Test
    void the_route_reads_the_token_from_the_query() {
        LinkNavigation.navigateToLink("tok");

        _get(PasswordField.class, spec -> spec.withId("api_key"));
    }

    @Test
    void the_link_path_carries_the_token_as_query_parameter() {
        assertEquals("/link?link_token=a%2Bb", LinkNavigation.linkPath("a+b"));
    }
}
