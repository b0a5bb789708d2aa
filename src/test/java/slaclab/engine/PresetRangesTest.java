package slaclab.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presets that cannot run are refused with one line naming the field, its limit and the fix; those that can, load. */
class PresetRangesTest {
    private static RunConfig cartpole(String fields) {
        return Presets.parse("{ \"task\": \"cartpole-swingup\"" + (fields.isEmpty() ? "" : ", " + fields) + " }");
    }

    private static String refused(String fields) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cartpole(fields), fields);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aSequenceLongerThanAnEpisodeIsRefusedInsteadOfHanging() {
        // cartpole: 1000 env steps per episode / action repeat 8 = 125 agent steps
        String m = refused("\"sequenceLength\": 400");
        assertTrue(m.startsWith("sequenceLength 400 is longer than an episode of cartpole-swingup (1000 env steps"
                + " / actionRepeat 8 = 125 agent steps)"), m);
        assertTrue(m.contains("choose at most 125"), m);
        assertTrue(refused("\"sequenceLength\": 1000, \"replayCapacity\": 5000").contains("at most 125"));
        assertEquals(125, cartpole("\"sequenceLength\": 125").sequenceLength(), "a whole episode is allowed");
        assertTrue(refused("\"sequenceLength\": 335, \"actionRepeat\": 3").contains("at most 334"), "ceil(1000/3)");
        assertEquals(334, cartpole("\"sequenceLength\": 334, \"actionRepeat\": 3").sequenceLength());
        assertTrue(refused("\"actionRepeat\": 1001").contains("actionRepeat 1001 is longer than an episode"));
    }

    @Test
    void infiniteOrOutOfRangeRealNumbersAreRefused() {
        String m = refused("\"modelLearningRate\": 1e400");
        assertTrue(m.contains("modelLearningRate must be a finite number, got Infinity"), m);
        assertTrue(refused("\"agentLearningRate\": 1e400").contains("agentLearningRate must be a finite number"));
        assertTrue(refused("\"decoderVariance\": 1e400").contains("decoderVariance must be a finite number"));
        assertTrue(refused("\"discount\": -1e400").contains("discount must be a finite number"));
        assertTrue(refused("\"targetTau\": 1e400").contains("targetTau must be a finite number"));
        assertTrue(refused("\"initialLogAlpha\": 1e400").contains("initialLogAlpha must be a finite number"));
        assertTrue(refused("\"initialLogAlpha\": 100").contains("initialLogAlpha must be in [-20, 20]"));
        assertTrue(refused("\"modelLearningRate\": 3").contains("modelLearningRate must be in (0, 1]"));
        assertTrue(refused("\"agentLearningRate\": 0").contains("agentLearningRate must be in (0, 1]"));
        assertEquals(-5.0, cartpole("\"initialLogAlpha\": -5").initialLogAlpha());
    }

    @Test
    void wholeNumbersMustFitTheirFieldAndWhatTheRunCanHold() {
        assertTrue(refused("\"sequenceLength\": 1e10").contains("field \"sequenceLength\" must be a whole number up to"
                + " 2147483647"));
        assertTrue(refused("\"envSteps\": 1e30").contains("field \"envSteps\" must be a whole number up to"));
        assertEquals(1_000_000_000_000L, cartpole("\"seed\": 1000000000000").seed(), "seeds are longs");
        assertTrue(refused("\"sacBatch\": 100000").contains("lower sacBatch, modelBatch or sequenceLength"));
        assertTrue(refused("\"replayCapacity\": 2000000000").contains("more than one replay buffer can index"));
        assertTrue(refused("\"z2Dim\": 100000").contains("z2Dim must be at most 4096"));
        assertTrue(refused("\"hiddenUnits\": 100000").contains("hiddenUnits must be at most 4096"));
        assertTrue(refused("\"hiddenUnits\": 0").contains("hiddenUnits must be > 0"));
        assertEquals(1024, cartpole("\"hiddenUnits\": 1024").hiddenUnits());
        assertEquals(256, cartpole("").hiddenUnits(), "the paper's width by default");
        assertTrue(refused("\"activation\": \"tanh\"").contains("unknown activation 'tanh'; choose leaky_relu"));
        assertTrue(refused("\"policyLogStd\": \"exp\"").contains("unknown policyLogStd 'exp'; choose clip"));
        assertTrue(refused("\"targetUpdateEvery\": 0").contains("targetUpdateEvery must be > 0"));
        assertTrue(refused("\"weightInit\": \"he\"").contains("unknown weightInit 'he'; choose glorot"));
        assertEquals(slaclab.models.nn.Layers.Init.ORTHOGONAL, cartpole("\"weightInit\": \"orthogonal\"").agentWeightInit());
        RunConfig published = cartpole("\"activation\": \"relu\", \"policyLogStd\": \"tanh\", \"targetUpdateEvery\": 2");
        assertEquals("relu", published.activation());
        assertEquals(slaclab.agent.LogStdBounds.TANH, published.agentLogStd());
        assertEquals(2, published.targetUpdateEvery());
        RunConfig paper = cartpole("");
        assertEquals(slaclab.models.nn.Layers.Activation.LEAKY_RELU, paper.agentActivation(), "the paper's by default");
        assertEquals(slaclab.agent.LogStdBounds.CLIP, paper.agentLogStd());
        assertEquals(1, paper.targetUpdateEvery());
        assertEquals(slaclab.models.nn.Layers.Init.GLOROT, paper.agentWeightInit());
        assertTrue(refused("\"evalEpisodes\": 1000000").contains("evalEpisodes must be at most 1000"));
        assertTrue(refused("\"evalEvery\": 0").contains("evalEvery must be > 0"));
    }

    @Test
    void aReplayBufferLargerThanTheHeapIsRefusedBeforeTraining() {
        RunConfig paper = cartpole("");
        String m = assertThrows(IllegalArgumentException.class, () -> paper.checkFitsIn(1_000_000_000L)).getMessage();
        assertTrue(m.contains("replayCapacity 100000 keeps 1.2 GB of frames") && m.contains("-Xmx"), m);
        paper.checkFitsIn(2_000_000_000L);
    }

    @Test
    void aFileThatIsNotUtf8TextIsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{ \"task\": \"cartpole-swingup\", \"description\": \"caf\u00e9\" }"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String m = assertThrows(IllegalArgumentException.class, () -> Presets.load(latin1)).getMessage();
        assertTrue(m.startsWith("preset " + latin1 + " is not UTF-8 text"), m);
        assertTrue(!m.contains("Input length"), m);
    }

    @Test
    void everyShippedPresetPasses() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Presets.load(p).validate();
            }
        }
    }
}
