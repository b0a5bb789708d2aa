package slaclab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import slaclab.agent.AgentConfig;
import slaclab.agent.SacLosses;
import slaclab.agent.SlacAgent;
import slaclab.models.nn.Backend;

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

    /** Each variant is a drop-in model: SLAC's agent builds its critic for the variant's latent size and trains. */
    @Test
    void slacsAgentTrainsOnEveryVariant() {
        Backend.selectNativeBuild();
        SequenceData d = SlacLatentModelTest.batch(2);
        for (String name : LatentModels.NAMES.subList(1, LatentModels.NAMES.size())) {
            LatentModel m = LatentModels.create(name, new ModelConfig(2, 3, 8, 16, 256, 0.1, 1e-3, 1));
            try (SlacAgent agent = new SlacAgent(m, new AgentConfig(2, 3, 0.99, 0.005, 3e-4, 0.0, 256, 1))) {
                LatentLosses ml = agent.updateModel(d);
                SacLosses sl = agent.updateActorCritic(d);
                assertTrue(Double.isFinite(ml.total()), name + ": " + ml);
                assertTrue(Double.isFinite(sl.critic()) && Double.isFinite(sl.actor()), name + ": " + sl);
            }
        }
    }
}
