package dev.interlink.platform.provider;

/** How a connector supports a list filter: by the provider itself, or by us scanning and filtering its pages. */
public enum FilterMode {
    NATIVE,
    EMULATED
}
