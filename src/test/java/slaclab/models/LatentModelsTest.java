package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The registry of latent-model variants; building each one is covered by the *VariantTest classes. */
class LatentModelsTest {
    @Test
    void knowsTheSixVariantsWithSlacFirst() {
        assertEquals(List.of("slac", "simple-filtering", "deterministic", "partially-stochastic", "vae", "planet-rssm"),
                LatentModels.NAMES);
        assertEquals(LatentModels.SLAC, LatentModels.NAMES.get(0), "the default comes first");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() {
        ModelConfig c = new ModelConfig(2, 3, 8, 16, 256, 0.1, 1e-3, 1);
        for (String bad : new String[]{"planet", "SLAC", "", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentModels.create(bad, c));
            assertTrue(e.getMessage().contains("unknown latent model '" + bad + "'"), e.getMessage());
            for (String n : LatentModels.NAMES) {
                assertTrue(e.getMessage().contains(n), e.getMessage());
            }
        }
    }
}
