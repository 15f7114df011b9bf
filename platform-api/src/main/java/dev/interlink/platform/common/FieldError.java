package dev.interlink.platform.common;

/** One invalid input field: a JSON Pointer (RFC 6901) into the request and what is wrong with it. */
public record FieldError(String pointer, String detail) {}
