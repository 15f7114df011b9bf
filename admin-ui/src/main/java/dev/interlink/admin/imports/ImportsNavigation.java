package dev.interlink.admin.imports;

/** The public API of the imports package. */
public final class ImportsNavigation {
    public static final String ROUTE = "imports";

    private ImportsNavigation() {}
}
