package dev.interlink.admin.accounts;

import com.vaadin.flow.component.UI;
import java.util.UUID;

/** The public API of the accounts package. The selected account is in the URL, so links can be shared. */
public final class AccountsNavigation {
    public static final String ROUTE = "accounts";

    private AccountsNavigation() {}

    public static String pathOf(UUID accountId) {
        return ROUTE + "/" + accountId;
    }

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }

    public static void navigateTo(UUID accountId) {
        UI.getCurrent().navigate(pathOf(accountId));
    }
}
