package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import java.util.Map;

public final class LoxoProvider {
    private final Registry registry;

    public LoxoProvider(Registry registry) {
        this.registry = registry;
    }

    public Resp handle(String slug, Req req) {
        return Resp.json(404, Map.of("status", 404, "error", "Not Found"));
    }
}
