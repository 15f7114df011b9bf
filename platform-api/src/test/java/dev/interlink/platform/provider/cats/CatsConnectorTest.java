package dev.interlink.platform.provider.cats;

import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.ConnectorContractTest;
import java.util.Map;

class CatsConnectorTest extends ConnectorContractTest {
    private final CatsConnector connector = new CatsConnector();

    @Override
    protected AtsConnector connector() {
        return connector;
    }

    @Override
    protected Map<String, String> authHeaders(String apiKey) {
        // not Bearer (docs/providers/cats.md §1)
        return Map.of("Authorization", "Token " + apiKey);
    }
}
