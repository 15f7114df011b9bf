package dev.interlink.platform.provider.loxo;

import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.sandbox.Sandbox;
import java.util.Map;

class LoxoConnectorTest extends ConnectorContractTest {
    @Override
    protected String providerId() {
        return "loxo";
    }

    @Override
    protected Map<String, String> credentials(Sandbox.AccountInfo a) {
        return Map.of("api_key", a.apiKey(), "agency_slug", a.agencySlug());
    }
}
