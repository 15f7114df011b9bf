package dev.interlink.platform.provider.cats;

import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.sandbox.Sandbox;
import java.util.Map;

class CatsConnectorTest extends ConnectorContractTest {
    @Override
    protected String providerId() {
        return "cats";
    }

    @Override
    protected Map<String, String> credentials(Sandbox.AccountInfo a) {
        return Map.of("api_key", a.apiKey());
    }
}
