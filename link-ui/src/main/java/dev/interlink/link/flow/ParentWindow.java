package dev.interlink.link.flow;

import com.vaadin.flow.component.UI;
import dev.interlink.link.web.Origins;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;

/**
 * Talks to the page that embeds the flow: {@code window.parent} (iframe, modal mode) or {@code window.opener}
 * (popup mode). Messages go to each allowed origin of the tenant explicitly, never to {@code "*"}, so a page
 * that framed or opened us without being allowed learns nothing.
 */
final class ParentWindow {
    static final String SOURCE = "interlink-link";

    private static final String POST =
            """
            const message = $0, origins = $1;
            const targets = [];
            if (window.opener && window.opener !== window) targets.push(window.opener);
            if (window.parent && window.parent !== window) targets.push(window.parent);
            for (const target of targets) {
              for (const origin of origins) {
                try { target.postMessage(message, origin); } catch (e) { /* closed or not allowed */ }
              }
            }
            return targets.length > 0;
            """;

    private static final String ESCAPE_TO_CLOSE =
            """
            const message = $0, origins = $1;
            if (window.parent === window || window.__interlinkEscape) return;
            window.__interlinkEscape = true;
            document.addEventListener('keydown', (e) => {
              if (e.key !== 'Escape' || e.defaultPrevented) return;
              for (const origin of origins) {
                try { window.parent.postMessage(message, origin); } catch (err) { /* ignore */ }
              }
            });
            """;

    private ParentWindow() {}

    static void postSuccess(UI ui, List<String> origins, String integratedAccountId, String provider) {
        JsonObject message = message("success");
        message.put("integrated_account_id", integratedAccountId);
        message.put("provider", provider);
        post(ui, origins, message, embedded -> {});
    }

    static void postClosed(UI ui, List<String> origins, Consumer<Boolean> embedded) {
        post(ui, origins, message("closed"), embedded);
    }

    static void postExpired(UI ui, List<String> origins) {
        post(ui, origins, message("expired"), embedded -> {});
    }

    static void postFailed(UI ui, List<String> origins, String code) {
        JsonObject message = message("failed");
        message.put("code", code);
        post(ui, origins, message, embedded -> {});
    }

    /** In modal mode the iframe has the focus, so the tenant page never sees Escape: we forward it. */
    static void installEscapeToClose(UI ui, List<String> origins) {
        List<String> targets = Origins.sanitize(origins);
        if (!targets.isEmpty()) {
            ui.getPage().executeJs(ESCAPE_TO_CLOSE, message("closed"), array(targets));
        }
    }

    private static void post(UI ui, List<String> origins, JsonObject message, Consumer<Boolean> embedded) {
        List<String> targets = Origins.sanitize(origins);
        ui.getPage()
                .executeJs(POST, message, array(targets))
                .then(Boolean.class, embedded::accept, error -> embedded.accept(false));
    }

    private static JsonObject message(String type) {
        JsonObject message = Json.createObject();
        message.put("source", SOURCE);
        message.put("type", type);
        return message;
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = Json.createArray();
        for (int i = 0; i < values.size(); i++) {
            array.set(i, values.get(i));
        }
        return array;
    }
}
