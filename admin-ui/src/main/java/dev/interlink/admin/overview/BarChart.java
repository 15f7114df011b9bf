package dev.interlink.admin.overview;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/**
 * A bar chart drawn with plain CSS (Vaadin Charts is commercial): one column per bucket, a bar for the
 * requests and, inside it, a red part for the errors. Every bar carries its numbers as a tooltip.
 */
class BarChart extends Div {
    record Bar(String label, long total, long errors) {}

    BarChart(String id, List<Bar> bars) {
        setId(id);
        addClassName("bar-chart");
        long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
        for (Bar bar : bars) {
            Div column = new Div();
            column.addClassName("bar-column");
            Div total = new Div();
            total.addClassName("bar");
            total.getStyle().set("height", percent(bar.total(), max));
            Div errors = new Div();
            errors.addClassName("bar-errors");
            errors.getStyle().set("height", bar.total() == 0 ? "0" : percent(bar.errors(), bar.total()));
            total.add(errors);
            Span label = new Span(bar.label());
            label.addClassName("bar-label");
            column.add(total, label);
            column.getElement()
                    .setAttribute("title", bar.label() + ": " + bar.total() + " requests, " + bar.errors() + " errors");
            add(column);
        }
    }

    private static String percent(long part, long whole) {
        return Math.round(100.0 * part / whole) + "%";
    }
}
