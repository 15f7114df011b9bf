package dev.interlink.model.ats;

/** A reference to another unified record: always an object, never "id or object". {@code name} when cheap. */
public record Ref(String id, String remoteId, String name) {
    public static Ref of(String id, String remoteId) {
        return new Ref(id, remoteId, null);
    }
}
