package dev.interlink.platform.linking;

import dev.interlink.platform.common.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the application clock with {@link #CLOCK} in test classes that set {@code interlink.test.clock=mutable}. */
@Factory
@Requires(property = "interlink.test.clock", value = "mutable")
public class TestClockFactory {
    public static final MutableClock CLOCK = new MutableClock();

    @Singleton
    @Replaces(bean = Clock.class, factory = ClockFactory.class)
    Clock clock() {
        return CLOCK;
    }
}
