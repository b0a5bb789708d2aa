package slaclab.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Evaluation;
import slaclab.engine.Outcome;
import slaclab.engine.Presets;
import slaclab.engine.RolloutView;
import slaclab.engine.RunConfig;
import slaclab.engine.RunControl;
import slaclab.engine.Trainer;
import slaclab.engine.TrainingListener;
import slaclab.engine.io.MetricsCsv;
import slaclab.environments.mujoco.MujocoLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SAC baselines trained end to end by the same loop, the preset field that picks them, and its errors. */
class BaselinesTrainTest {
    /** 50 agent steps of cartpole: 20 random, then 31 actor-critic updates on batches of 2; evaluations at 200, 400. */
    static String tiny(String model) {
        return "{ \"task\": \"cartpole-swingup\", \"model\": \"" + model + "\", \"actionRepeat\": 8, \"envSteps\": 400,"
                + " \"initialCollectSteps\": 20, \"pretrainUpdates\": 2, \"modelBatch\": 2, \"sacBatch\": 2,"
                + " \"evalEvery\": 200, \"evalEpisodes\": 1, \"replayCapacity\": 1000 }";
    }

    static final class Recorder implements TrainingListener {
        final List<Evaluation> evaluations = new CopyOnWriteArrayList<>();
        final List<RolloutView> rollouts = new CopyOnWriteArrayList<>();

        @Override
        public void onEvaluation(Evaluation e) {
            evaluations.add(e);
        }

        @Override
        public void onRollouts(RolloutView r) {
            rollouts.add(r);
        }
    }

    static void trainsEndToEnd(String model, Path dir, boolean resume) throws Exception {
        Path run = dir.resolve(model);
        Recorder rec = new Recorder();
        RunControl control = new RunControl();
        control.submit(new RunControl.RolloutRequest(8, RunControl.RolloutSource.REPLAY, 1));
        Outcome o = new Trainer(Presets.parse(tiny(model)), run, false, rec, control).run();
        assertEquals(Outcome.Status.FINISHED, o.status(), o.message());
        assertEquals(List.of(200L, 400L), rec.evaluations.stream().map(Evaluation::envSteps).collect(Collectors.toList()));
        for (Evaluation e : rec.evaluations) {
            assertTrue(e.rolloutRows().isEmpty(), "a baseline has no rollouts");
            assertEquals(null, e.rolloutPng());
            assertTrue(Double.isFinite(e.meanReturn()));
        }
        assertEquals(1, rec.rollouts.size());
        assertTrue(rec.rollouts.get(0).problem().contains("no latent model"), rec.rollouts.get(0).problem());
        assertTrue(Files.size(run.resolve("checkpoint.bin")) > 0);
        assertTrue(Files.size(run.resolve("returns.png")) > 0);
        assertFalse(Files.exists(run.resolve("rollouts.png")));
        List<Map<String, String>> rows = MetricsCsv.read(run.resolve("metrics.csv"));
        assertTrue(rows.stream().anyMatch(r -> !r.get("critic_loss").isEmpty() && !r.get("alpha").isEmpty()), "SAC terms logged");
        assertTrue(rows.stream().allMatch(r -> r.get("kl").isEmpty() && r.get("model_updates").equals("0")), "no model");
        Map<String, String> last = rows.get(rows.size() - 1);
        assertEquals("31", last.get("sac_updates"), "one update per agent step from the 20th (the last random one) on");
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"model\" : \"" + model + "\""));

        if (!resume) {
            return;
        }
        // Continue from the checkpoint to 600 env steps.
        Outcome more = new Trainer(Presets.load(run.resolve("config.json")).withEnvSteps(600), run, true, rec).run();
        assertEquals(Outcome.Status.FINISHED, more.status(), more.message());
        assertEquals(600L, rec.evaluations.get(rec.evaluations.size() - 1).envSteps());
    }

    @Test
    void stateSacTrainsEndToEndAndResumes(@TempDir Path dir) throws Exception {
        trainsEndToEnd("sac-state", dir, true);
    }

    @Test
    void pixelSacTrainsEndToEndAndResumes(@TempDir Path dir) throws Exception {
        trainsEndToEnd("sac-pixels", dir, false);  // resuming is the same code; the state run checks it
    }

    @Test
    void modelFieldDefaultsToSlacAndRejectsUnknownNames(@TempDir Path dir) throws Exception {
        RunConfig old = Presets.parse("{ \"task\": \"cartpole-swingup\" }");
        assertEquals("slac", old.model(), "presets and run folders without the field keep working");
        assertTrue(RunConfig.HELP.get("model").contains("sac-pixels"), RunConfig.HELP.get("model"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"task\": \"cartpole-swingup\", \"model\": \"planet\" }");
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"train", "--preset", bad.toString()}), 2);
        assertTrue(err.contains("unknown model 'planet'") && err.contains("slac") && err.contains("sac-state"), err);
        // Every shipped preset still loads.
        try (var presets = Files.list(Path.of("presets"))) {
            for (Path p : presets.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertNotNull(Presets.load(p), p.toString());
            }
        }
    }

    /** A one-slider MJCF model (state: qpos, qvel) and, in {@code extra}, more unactuated sliders. */
    static String sliders(int extra) {
        StringBuilder sb = new StringBuilder("<mujoco><option timestep=\"0.01\"/><worldbody>"
                + "<geom type=\"plane\" size=\"0 0 1\" rgba=\".1 .2 .3 1\"/>");
        for (int i = 0; i <= extra; i++) {
            sb.append("<body name=\"cart").append(i).append("\" pos=\"0 ").append(i).append(" .2\">")
                    .append("<joint name=\"x").append(i).append("\" type=\"slide\" axis=\"1 0 0\"/>")
                    .append("<geom type=\"box\" size=\".2 .1 .1\" contype=\"0\" conaffinity=\"0\"/></body>");
        }
        return sb.append("</worldbody><actuator><motor joint=\"x0\" gear=\"10\" ctrllimited=\"true\""
                + " ctrlrange=\"-1 1\"/></actuator></mujoco>").toString();
    }

    @Tag("mujoco")
    @Test
    void stateSacRefusesToContinueOnAStateOfAnotherWidth(@TempDir Path dir) throws Exception {
        assumeTrue(MujocoLibrary.isAvailable(), () -> "MuJoCo not available: " + MujocoLibrary.unavailableReason());
        Path model = dir.resolve("sliders.xml");
        Files.writeString(model, sliders(0));
        String task = "mjcf:" + model;
        Path run = dir.resolve("run");
        RunConfig config = Presets.parse(tiny("sac-state").replace("cartpole-swingup", task)
                .replace("\"actionRepeat\": 8", "\"actionRepeat\": 4").replace("\"envSteps\": 400",
                        "\"envSteps\": 200"));
        Outcome o = new Trainer(config, run, false, new Recorder()).run();
        assertEquals(Outcome.Status.FINISHED, o.status(), o.message());

        Files.writeString(model, sliders(1));   // the task's state grows from 2 to 4 values
        IOException e = assertThrows(IOException.class,
                () -> new Trainer(config.withEnvSteps(400), run, true, new Recorder()).run());
        assertEquals("the checkpoint's sac-state networks read states of 2 values, " + task + "'s state now has 4"
                + " (its MJCF file changed; the state is its qpos then qvel): start a new run", e.getMessage());
    }
}
