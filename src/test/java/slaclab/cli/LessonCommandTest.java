package slaclab.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slaclab.engine.Lesson;
import slaclab.engine.LessonPlayer;
import slaclab.engine.LessonSource;
import slaclab.engine.io.MetricsCsv;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lessons end to end on a tiny run: packing its kept agents, evaluating every stage from the folder and from inside a
 * jar, continuing training from the final stage, and one-line errors for a lesson with a missing or damaged stage.
 */
class LessonCommandTest {
    @TempDir
    static Path shared;
    /** A tiny SLAC run that kept its agent at 104 and 200 env steps. */
    static Path run;
    /** The lesson packed from it: stages early (104) and final (200). */
    static Path lesson;

    @BeforeAll
    static void trainAndPack() throws Exception {
        run = CheckpointRecoveryTest.train(shared, "run", CheckpointRecoveryTest.SHORT);
        lesson = shared.resolve("lessons").resolve("tiny");
        String out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"lesson", "--run", run.toString(), "--out",
                lesson.toString(), "--stages", "early=104,final=200", "--title", "A tiny lesson"}), 0);
        assertTrue(out.contains("stage early: 104 env steps"), out);
        assertTrue(out.contains("stage final: 200 env steps"), out);
    }

    @Test
    void packsTheRunsFilesAndHalfPrecisionStages() throws Exception {
        for (String f : List.of("lesson.json", "config.json", "metrics.csv", "returns.png", "stages/early.bin",
                "stages/final.bin", "rollouts/early.png", "rollouts/final.png")) {
            assertTrue(Files.size(lesson.resolve(f)) > 0, f);
        }
        long full = Files.size(run.resolve("stages/agent-000000200.bin"));
        long compact = Files.size(lesson.resolve("stages/final.bin"));
        // the tiny run never trained, so its kept agents hold float32 weights and no Adam moments: half the size
        assertTrue(compact < full * 0.51 && compact > full * 0.49, compact + " bytes vs " + full);
    }

    @Test
    void everyStageActsFromTheFolderAndFromInsideAJar() throws Exception {
        for (String stage : List.of("early", "final")) {
            String out = EvaluateCommandTest.evaluate(lesson, "--stage", stage, "--episodes", "1", "--seed", "3");
            EvaluateCommandTest.mean(out, 1);
            assertTrue(out.contains("checkpoint at " + (stage.equals("early") ? 104 : 200) + " env steps"), out);
        }
        // The same lesson packed into a jar as the build packs assets/lessons/, read through a class loader.
        Path jar = shared.resolve("lessons.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(lesson)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry("lessons/tiny/" + lesson.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) j);
                j.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Lesson l = Lesson.open("tiny", LessonSource.resources(loader, "lessons/tiny/"));
            assertEquals("A tiny lesson", l.title());
            assertEquals(List.of("early", "final"), l.stages().stream().map(Lesson.Stage::name).toList());
            assertNotNull(l.file(l.stage("early").rollouts()));
            assertTrue(l.metrics().stream().anyMatch(r -> r.get("env_steps").equals("200")));
            for (Lesson.Stage s : l.stages()) {
                try (LessonPlayer p = LessonPlayer.open(l, s, 3)) {
                    List<Long> steps = new ArrayList<>();
                    p.episode((frame, action, step, ret, done) -> steps.add(step) && frame.length == 64 * 64 * 3);
                    assertEquals(126, steps.size(), "stage " + s.name() + " acts a whole episode (125 agent steps)");
                    List<List<byte[]>> rows = p.rollouts(8);
                    assertEquals(4, rows.size(), "truth, posterior, prior, conditional prior");
                    rows.forEach(r -> assertEquals(9, r.size()));
                }
            }
        }
    }

    @Test
    void continuesTrainingFromTheFinalStage() throws Exception {
        Path cont = shared.resolve("continued");
        String out = TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"train", "--lesson", lesson.toString(),
                "--out", cont.toString(), "--env-steps", "1300"}), 0);
        assertTrue(out.contains("continuing the lesson tiny from its stage 'final' (200 env steps)"), out);
        assertTrue(out.contains("finished 1304 environment steps"), out);  // 200 + 138 agent steps x 8
        List<Map<String, String>> rows = MetricsCsv.read(cont.resolve("metrics.csv"));
        // the lesson's rows up to its final stage, then the continued run's
        assertTrue(rows.stream().anyMatch(r -> r.get("env_steps").equals("200") && r.get("eval_return").isEmpty()
                == false), "the lesson's evaluation at 200 env steps stays in the curve: " + rows);
        double last = Double.parseDouble(rows.get(rows.size() - 1).get("env_steps"));
        assertEquals(1304, last, 1e-9);
        assertTrue(rows.stream().anyMatch(r -> Double.parseDouble(r.get("env_steps")) > 200
                && !r.get("critic_loss").isEmpty()), "it trained after refilling the replay: " + rows);
        assertTrue(Files.size(cont.resolve("checkpoint.bin")) > 0);
        // the lesson itself is untouched
        assertEquals(List.of("early.bin", "final.bin"), names(lesson.resolve("stages")));
    }

    @Test
    void aMissingOrDamagedStageIsNamed() throws Exception {
        Path broken = shared.resolve("broken");
        copy(lesson, broken);
        Files.delete(broken.resolve("stages/early.bin"));
        String missing = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", broken.toString(),
                "--stage", "final"}), 2);
        assertEquals("error: the lesson's stage 'early' has no agent file (stages/early.bin is missing); the lesson "
                + broken + " is incomplete: copy it again (or pack it again with `lesson --run DIR --out DIR`)",
                missing.strip());

        Path damaged = shared.resolve("damaged");
        copy(lesson, damaged);
        Path f = damaged.resolve("stages/final.bin");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5a;
        Files.write(f, b);
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", damaged.toString()}),
                1);
        assertEquals("error: the lesson's stage 'final' cannot be loaded: " + f + " is damaged: its content does not"
                + " match its checksum; copy the lesson again", err.strip());

        String unknown = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"evaluate", "--run", lesson.toString(),
                "--stage", "middle"}), 2);
        assertEquals("error: the lesson tiny has no stage 'middle'; its stages: early, final", unknown.strip());
    }

    @Test
    void earlierStagesIn8BitsAreHalfTheSizeAndAct() throws Exception {
        Path small = shared.resolve("small");
        TrainCommandTest.stdoutOf(() -> Main.run(new String[]{"lesson", "--run", run.toString(), "--out",
                small.toString(), "--stages", "early=104,final=200", "--earlier-stages", "8bit"}), 0);
        long early = Files.size(small.resolve("stages/early.bin"));
        long last = Files.size(small.resolve("stages/final.bin"));
        assertTrue(early < last * 0.53 && early > last * 0.47, early + " vs " + last);
        EvaluateCommandTest.mean(EvaluateCommandTest.evaluate(small, "--stage", "early", "--episodes", "1"), 1);
    }

    @Test
    void packingNamesTheEvaluationsARunKept() throws Exception {
        String err = TrainCommandTest.stderrOf(() -> Main.run(new String[]{"lesson", "--run", run.toString(), "--out",
                shared.resolve("other").toString(), "--stages", "early=150"}), 2);
        assertEquals("error: " + run + " kept no agent at 150 env steps (stage 'early'); it kept: 104, 200",
                err.strip());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
