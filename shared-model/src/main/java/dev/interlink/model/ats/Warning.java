package dev.interlink.model.ats;

/** A list warning, e.g. {@code FILTER_EMULATED} or {@code PARTIAL_RECORDS}. */
public record Warning(String code, String message) {}
