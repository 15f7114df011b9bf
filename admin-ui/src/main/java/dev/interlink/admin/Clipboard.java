package dev.interlink.admin;

import com.vaadin.flow.component.UI;
import dev.interlink.admin.session.Feedback;

/** Copies text in the browser (the value travels only to the admin's own page). */
public final class Clipboard {
    private Clipboard() {}

    public static void copy(String text) {
        UI.getCurrent().getPage().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", text);
        Feedback.done("Copied to the clipboard");
    }
}
