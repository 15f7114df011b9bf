package dev.interlink.model.ats;

/** type: LINKEDIN | GITHUB | TWITTER | PORTFOLIO | BLOG | PERSONAL | COMPANY | OTHER. */
public record Url(String url, String type) {}
