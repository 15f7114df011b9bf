package dev.interlink.model.ats;

/** type: MOBILE | HOME | WORK | FAX | OTHER; {@code typeRaw} is the provider's own type. */
public record Phone(String number, String extension, String type, String typeRaw, Boolean isPrimary) {}
