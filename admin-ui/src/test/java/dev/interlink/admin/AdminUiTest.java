package dev.interlink.admin;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import dev.interlink.admin.api.Dtos.Session;
import dev.interlink.admin.api.FakePlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.session.AdminSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the view tests: every route discovered, a fake platform-api, optionally a signed-in admin. */
public abstract class AdminUiTest {
    /** Karibu's auto-discovery skips package-private views (code-style §5.10), so they are listed by name. */
    private static final Routes ROUTES = routes(
            "signin.SignInView",
            "overview.OverviewView",
            "accounts.AccountsView",
            "logs.RequestLogView",
            "clients.ApiClientsView",
            "webhooks.WebhooksView",
            "imports.ImportsView",
            "settings.SettingsView");

    protected final FakePlatformAdminClient platform = new FakePlatformAdminClient();

    @BeforeEach
    void setUpVaadin() {
        PlatformAdminClients.use(platform);
        MockVaadin.setup(ROUTES);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }

    @SuppressWarnings("unchecked")
    private static Routes routes(String... views) {
        Routes routes = new Routes();
        for (String view : views) {
            try {
                routes.getRoutes().add((Class<? extends com.vaadin.flow.component.Component>)
                        Class.forName("dev.interlink.admin." + view));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return routes;
    }

    protected void signedIn() {
        AdminSession.start(
                new Session(FakePlatformAdminClient.TOKEN, 900, "Acme Recruiting", FakePlatformAdminClient.EMAIL));
    }
}
