package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashSlotsTest {
    private final HashSlots slots = new HashSlots(2, Duration.ZERO);

    @Test
    @DisplayName("A third hash while two run is refused with 503 and Retry-After instead of queueing")
    void thirdConcurrentHashIsRefused() {
        try (HashSlots.Slot first = slots.acquire();
                HashSlots.Slot second = slots.acquire()) {
            assertThatThrownBy(slots::acquire).isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code())
                    .isEqualTo(ErrorCode.PLATFORM_UNAVAILABLE));
        }
    }

    @Test
    @DisplayName("A finished hash frees its slot for the next sign-in")
    void closedSlotIsReused() {
        slots.acquire().close();
        slots.acquire().close();

        try (HashSlots.Slot again = slots.acquire();
                HashSlots.Slot another = slots.acquire()) {
            assertThat(again).isNotNull();
            assertThat(another).isNotNull();
        }
    }
}
