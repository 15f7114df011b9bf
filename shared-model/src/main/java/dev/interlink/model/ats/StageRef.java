package dev.interlink.model.ats;

/** An application's current stage: a reference plus its name and normalized category (+ raw). */
public record StageRef(String id, String remoteId, String name, String category, String categoryRaw) {}
