package dev.interlink.admin;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.util.Optional;

/**
 * The frame of every signed-in screen: side navigation, tenant name, sign-out. It also guards them: without a
 * live admin session, any screen forwards to sign-in.
 */
@com.vaadin.flow.component.dependency.StyleSheet("context://css/admin.css")
public class MainLayout extends AppLayout implements BeforeEnterObserver {
    private final Span tenant = new Span();
    private final Span email = new Span();

    public MainLayout() {
        Span brand = new Span("Interlink");
        brand.addClassName("brand");
        tenant.setId("tenant-name");
        tenant.addClassName("tenant-name");
        email.addClassName("admin-email");
        Button signOut = new Button("Sign out", e -> signOut());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, tenant, new Div(), email, signOut);
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.expand(header.getComponentAt(3));
        header.addClassName("header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", "", VaadinIcon.DASHBOARD.create()));
        nav.addItem(new SideNavItem("Integrated accounts", "accounts", VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Request logs", "logs", VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("Webhooks", "webhooks", VaadinIcon.PAPERPLANE.create()));
        nav.addItem(new SideNavItem("Imports", "imports", VaadinIcon.TABLE.create()));
        nav.addItem(new SideNavItem("API clients", "api-clients", VaadinIcon.KEY.create()));
        nav.addItem(new SideNavItem("Settings", "settings", VaadinIcon.COG.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<AdminSession> admin = AdminSession.current();
        if (admin.isEmpty()) {
            boolean expired = AdminSession.expiredSession();
            AdminSession.end();
            event.forwardTo(
                    Feedback.SIGN_IN_ROUTE, expired ? QueryParameters.of("expired", "") : QueryParameters.empty());
            return;
        }
        tenant.setText(admin.get().tenantDisplayName());
        email.setText(admin.get().email());
    }

    private void signOut() {
        AdminSession.end();
        VaadinSession session = VaadinSession.getCurrent();
        getUI().ifPresent(ui -> ui.getPage().setLocation(Feedback.SIGN_IN_ROUTE));
        if (session != null && session.getSession() != null) {
            session.getSession().invalidate();
        }
    }
}
