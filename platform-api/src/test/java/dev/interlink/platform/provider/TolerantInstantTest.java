package dev.interlink.platform.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TolerantInstantTest {
    private static Instant instant(String value) {
        return Tolerant.instant(JsonNodeFactory.instance.objectNode().put("at", value), "at");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2020-01-02T19:48:00+00:00",
                "2020-01-02T19:48:00Z",
                "2020-01-02T19:48:00-05:30",
                "2020-01-02T19:48:00+14:00",
                "2020-01-02T19:48:00.5Z",
                "2020-01-02T19:48:00.123456789+02:00",
                "2024-02-29T23:59:59.000-00:00",
                "1999-12-31T00:00:00.1+01:00"
            })
    void the_fixed_position_reader_agrees_with_java_time_on_every_layout_it_accepts(String value) {
        assertThat(Tolerant.rfc3339(value))
                .isEqualTo(OffsetDateTime.parse(value).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2020-13-02T19:48:00Z",
                "2023-02-29T10:00:00Z",
                "2020-01-02T24:00:00Z",
                "2020-01-02 19:48:00Z",
                "2020-01-02T19:48Z",
                "2020-01-02T19:48:00+0100",
                "2020-01-02T19:48:00.Z",
                "2020-01-02T19:48:00.1234567890Z",
                "2020-01-02T19:48:00+01:00:00",
                "2020-0a-02T19:48:00Z"
            })
    void anything_else_is_left_to_the_general_parsers(String value) {
        assertThat(Tolerant.rfc3339(value)).isNull();
    }

    @Test
    void a_bare_date_and_lowercase_separators_still_parse_through_the_fallback() {
        assertThat(instant("2020-01-02")).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
        assertThat(instant("2020-01-02t19:48:00z")).isEqualTo(Instant.parse("2020-01-02T19:48:00Z"));
    }

    @Test
    void an_impossible_date_is_null() {
        assertThat(instant("2023-02-29T10:00:00Z")).isNull();
    }
}
