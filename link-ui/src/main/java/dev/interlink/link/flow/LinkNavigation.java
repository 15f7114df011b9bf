package dev.interlink.link.flow;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The public API of the link UI's views: where the link flow lives and how to get there. */
public final class LinkNavigation {
    /** The route of the link flow: {@code /link?link_token=...}. */
    public static final String ROUTE = "link";
    /** The query parameter that carries the link token. */
    public static final String TOKEN_PARAMETER = "link_token";
    /**
     * {@code oauth_mode=redirect}: for webviews (no popups), OAuth providers leave this page for their consent page
     * and come back to {@code /link?oauth_status=...}.
     */
    public static final String OAUTH_MODE_PARAMETER = "oauth_mode";

    private LinkNavigation() {}

    /** The relative URL of the link flow for a token, as platform-api builds {@code link_url}. */
    public static String linkPath(String linkToken) {
        return "/" + ROUTE + "?" + TOKEN_PARAMETER + "=" + URLEncoder.encode(linkToken, StandardCharsets.UTF_8);
    }

    public static void navigateToLink(String linkToken) {
        UI.getCurrent().navigate(ROUTE, new QueryParameters(Map.of(TOKEN_PARAMETER, List.of(linkToken))));
    }
}
