package dev.interlink.platform.provider.catalog;

import java.util.List;

/** A catalog file breaks the schema; the message lists every problem found. */
public class CatalogException extends RuntimeException {
    private final List<String> problems;

    public CatalogException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
