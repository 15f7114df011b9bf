package dev.interlink.platform.provider.loxo;

import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.ConnectorContractTest;
import java.util.Map;

class LoxoConnectorTest extends ConnectorContractTest {
    private final LoxoConnector connector = new LoxoConnector();

    @Override
    protected AtsConnector connector() {
        return connector;
    }

    @Override
    protected Map<String, String> authHeaders(String apiKey) {
        return Map.of("Authorization", "Bearer " + apiKey);
    }
}
