package dev.interlink.model.ats;

/** type: PERSONAL | WORK | OTHER. */
public record Email(String email, String type, Boolean isPrimary) {}
