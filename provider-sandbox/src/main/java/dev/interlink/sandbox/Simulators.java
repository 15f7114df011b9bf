package dev.interlink.sandbox;

import dev.interlink.sandbox.cats.CatsProvider;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.lever.LeverProvider;
import dev.interlink.sandbox.loxo.LoxoProvider;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.util.List;

/** The one place that lists the simulated providers; everything else loops over this list. */
final class Simulators {
    private Simulators() {}

    static List<SimulatedProvider> create(Registry registry) {
        return List.of(new CatsProvider(registry), new LoxoProvider(registry), new LeverProvider(registry));
    }
}
