package dev.interlink.platform.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HalLinksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String json) throws Exception {
        return HalLinks.readTreeWithout(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_links_of_embedded_records_are_left_out_and_the_pages_own_links_are_kept() throws Exception {
        JsonNode page = read("{\"_links\":{\"next\":{\"href\":\"/c?page=2\"}},\"_embedded\":{\"candidates\":["
                + "{\"id\":1,\"_links\":{\"self\":{\"href\":\"/c/1\"}},"
                + "\"_embedded\":{\"phones\":[{\"id\":7,\"_links\":{\"self\":{\"href\":\"/p/7\"}}}]}}]}}");
        assertThat(page.path("_links").path("next").path("href").asText()).isEqualTo("/c?page=2");
        JsonNode candidate = page.path("_embedded").path("candidates").get(0);
        assertThat(candidate.has("_links")).isFalse();
        assertThat(candidate.path("id").asInt()).isEqualTo(1);
        JsonNode phone = candidate.path("_embedded").path("phones").get(0);
        assertThat(phone.has("_links")).isFalse();
        assertThat(phone.path("id").asInt()).isEqualTo(7);
    }

    @Test
    void everything_else_is_read_as_it_is_empty_objects_arrays_and_nulls_included() throws Exception {
        String json = "{\"a\":{},\"b\":[],\"c\":null,\"d\":{\"e\":[{},[],1.50,\"x\",true]},\"f\":\"\"}";
        assertThat(read(json)).isEqualTo(JSON.readTree(json));
    }

    @Test
    void a_bare_array_of_records_loses_their_links() throws Exception {
        JsonNode list = read("[{\"id\":1,\"_links\":{}},{\"id\":2}]");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).has("_links")).isFalse();
        assertThat(list.get(1).path("id").asInt()).isEqualTo(2);
    }
}
