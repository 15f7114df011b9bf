package dev.interlink.link;

import com.github.mvysny.vaadinboot.VaadinBoot;

/** Starts the link UI on embedded Jetty (vaadin-boot). */
public final class LinkUiMain {
    private LinkUiMain() {}

    public static void main(String[] args) throws Exception {
        // P11: never write ~/.vaadin/usage-statistics.json
        System.setProperty("vaadin.devmode.usageStatistics.enabled", "false");
        int port = Integer.parseInt(env("INTERLINK_LINK_UI_PORT", "8081"));
        String host = env("INTERLINK_LINK_UI_HOST", "127.0.0.1");
        new VaadinBoot()
                .withPort(port)
                .listenOn(host)
                .openBrowserInDevMode(false)
                .run();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
