package dev.interlink.platform.provider.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PaginationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void a_hal_next_link_gives_the_next_page_and_keeps_the_page_size() throws Exception {
        HalNextLinkPagination p = new HalNextLinkPagination();
        JsonNode body = json("{'_links':{'next':{'href':'/candidates?per_page=50&page=3'}}}");
        assertThat(p.next("2:50", 50, body, 50)).isEqualTo("3:50");
        assertThat(p.params("3:50", 100)).containsEntry("per_page", "50");
    }

    @Test
    void no_hal_next_link_ends_the_list_even_with_a_total_left() throws Exception {
        assertThat(new HalNextLinkPagination().next("1:25", 25, json("{'total':999,'_links':{}}"), 25))
                .isNull();
    }

    @Test
    void a_hal_next_link_that_does_not_move_forward_ends_the_list() throws Exception {
        // CATS /webhooks advertises next even on a complete set (page 2 repeats page 1)
        JsonNode body = json("{'_links':{'next':{'href':'/webhooks?page=1'}}}");
        assertThat(new HalNextLinkPagination().next("1:25", 25, body, 3)).isNull();
    }

    @Test
    void a_null_or_repeated_scroll_id_ends_the_list() throws Exception {
        ScrollIdPagination p = new ScrollIdPagination("per_page");
        assertThat(p.next(null, 10, json("{'scroll_id':null}"), 10)).isNull();
        assertThat(p.next("AB", 10, json("{'scroll_id':'AB'}"), 10)).isNull();
        assertThat(p.next("AB", 10, json("{'scroll_id':'CD'}"), 0)).isNull();
        assertThat(p.next("AB", 10, json("{'scroll_id':'CD'}"), 10)).isEqualTo("CD");
    }

    @Test
    void a_scroll_without_page_size_never_sends_per_page() {
        // Loxo /companies answers 422 to per_page
        assertThat(new ScrollIdPagination(null).params("AB", 25)).doesNotContainKey("per_page");
    }

    @Test
    void page_numbers_end_at_the_total_pages() throws Exception {
        PageNumberPagination p = new PageNumberPagination("page", "per_page", "total_pages");
        assertThat(p.next("1:100", 100, json("{'current_page':1,'total_pages':2}"), 100))
                .isEqualTo("2:100");
        assertThat(p.next("2:100", 100, json("{'current_page':2,'total_pages':2}"), 100))
                .isNull();
    }
}
