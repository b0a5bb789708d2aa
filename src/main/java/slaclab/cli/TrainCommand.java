package slaclab.cli;

import slaclab.engine.Ablation;
import slaclab.engine.AppDirs;
import slaclab.engine.Evaluation;
import slaclab.engine.Lesson;
import slaclab.engine.LessonContinuation;
import slaclab.engine.Lessons;
import slaclab.engine.Outcome;
import slaclab.engine.Phase;
import slaclab.engine.PresetCatalogue;
import slaclab.engine.Presets;
import slaclab.engine.Progress;
import slaclab.engine.RunConfig;
import slaclab.engine.RunInfo;
import slaclab.engine.Trainer;
import slaclab.engine.TrainingListener;
import slaclab.engine.io.ProgressBar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code train}: a headless run into a run folder, with a progress bar; Ctrl-C saves and stops. */
final class TrainCommand {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--preset", "FILE   preset JSON, or a built-in preset's name (e.g. cartpole-swingup-classroom); not needed with --resume");
        OPTIONS.put("--env-steps", "N   training length in environment steps (overrides the preset)");
        OPTIONS.put("--seed", "S        seed (overrides the preset)");
        OPTIONS.put("--out", "DIR        run folder (default <runs folder>/<task>-seed<S>, or <task>-lesson there for"
                + " --lesson; the runs folder below)");
        OPTIONS.put("--lesson", "NAME     continue training from a lesson (a shipped lesson's name or a lesson folder)");
        OPTIONS.put("--stage", "NAME      the lesson's stage to continue from (default: its final stage)");
    }

    /** Environment steps a lesson is continued for when --env-steps is not given. */
    static final long LESSON_CONTINUATION_STEPS = 100_000;

    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return 0;
        }
        Options o = new Options(args, OPTIONS, Set.of("--resume", "--start-if-unsaved"));
        boolean resume = o.has("--resume");
        if (o.has("--start-if-unsaved") && !resume) {
            throw new IllegalArgumentException("--start-if-unsaved goes with --resume (train --resume --start-if-unsaved"
                    + " --out DIR)");
        }
        RunConfig config;
        Path out;
        if (o.has("--stage") && !o.has("--lesson")) {
            throw new IllegalArgumentException("--stage goes with --lesson NAME (the lesson's stage to continue from)");
        }
        if (o.has("--lesson")) {
            if (resume || o.has("--preset") || o.has("--seed")) {
                throw new IllegalArgumentException("--lesson starts a new run from the lesson's own configuration;"
                        + " leave out --resume, --preset and --seed");
            }
            Lesson lesson = Lessons.find(o.get("--lesson"));
            if (lesson == null) {
                lesson = Lessons.shipped(o.get("--lesson"));  // names the shipped lessons
            }
            Lesson.Stage stage = o.has("--stage") ? lesson.stage(o.get("--stage")) : lesson.finalStage();
            out = o.has("--out") ? Path.of(o.get("--out"))
                    : AppDirs.current().runs().resolve(lesson.config().task() + "-lesson");
            long steps = o.getLong("--env-steps", stage.envSteps() + LESSON_CONTINUATION_STEPS);
            config = LessonContinuation.start(lesson, stage, out, steps);
            System.out.printf("continuing the lesson %s from its stage '%s' (%,d env steps) in %s; the policy refills"
                    + " the replay buffer (%,d agent steps), then training goes on%n", lesson.name(), stage.name(),
                    stage.envSteps(), out, config.initialCollectSteps());
            resume = true;
        } else if (resume) {
            if (!o.has("--out")) {
                throw new IllegalArgumentException("--resume needs --out DIR, the run folder to continue");
            }
            out = Path.of(o.get("--out"));
            Path saved = out.resolve("config.json");
            if (!Files.isRegularFile(saved)) {
                throw new IllegalArgumentException("nothing to resume in " + out + ": it has no config.json");
            }
            config = Presets.load(saved);
            if (o.has("--seed") && o.getLong("--seed", 0) != config.seed()) {
                throw new IllegalArgumentException("--seed cannot change on --resume (the run uses seed " + config.seed() + ")");
            }
            if (o.has("--start-if-unsaved") && Ablation.clearUnsaved(out)) {
                resume = false;
                System.out.println("no checkpoint in " + out + " yet: starting the run from its config.json");
            }
        } else {
            if (!o.has("--preset")) {
                throw new IllegalArgumentException("train needs --preset FILE (e.g. presets/cartpole-swingup-classroom.json)");
            }
            AppDirs dirs = AppDirs.current();
            config = PresetCatalogue.load(o.get("--preset"), dirs.presets());
            config = config.withSeed(o.getLong("--seed", config.seed()));
            out = o.has("--out") ? Path.of(o.get("--out")) : dirs.runFolder(config.task(), config.seed());
        }
        config = config.withEnvSteps(o.getLong("--env-steps", config.envSteps()));
        config.validate();

        ProgressBar bar = new ProgressBar(System.out, config.envSteps(), "env steps");
        Trainer trainer = new Trainer(config, out, resume, new ConsoleListener(bar));
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                main.join(120_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Outcome outcome;
        try {
            outcome = trainer.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
        bar.finish(outcome.status().toString().toLowerCase());
        System.out.println(outcome.message());
        return outcome.status() == Outcome.Status.DIVERGED ? 1 : 0;
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar target/slac-lab.jar train --preset FILE [--env-steps N] [--seed S] [--out DIR]\n");
        sb.append("       java -jar target/slac-lab.jar train --resume [--start-if-unsaved] --out DIR [--env-steps N]\n");
        sb.append("       java -jar target/slac-lab.jar train --lesson NAME [--stage S] [--out DIR] [--env-steps N]\n\n");
        sb.append("Trains SLAC (or the baseline the preset's model names) headless. The run folder gets config.json, metrics.csv, checkpoint.bin (atomic, at every\n");
        sb.append("evaluation and on Ctrl-C), returns.png and rollouts/*.png (truth, posterior, prior, conditional prior).\n\n");
        sb.append("options:\n");
        OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
        sb.append("  --resume      continue the run in --out from its checkpoint\n");
        sb.append("  --start-if-unsaved  with --resume: a run folder with a config.json but no checkpoint yet starts\n");
        sb.append("                from the beginning instead of failing (what the tasks of ablate --slurm do)\n");
        sb.append("\n--lesson starts a run folder from a lesson's stage (its weights and configuration; default length: the\n");
        sb.append("stage's env steps + " + LESSON_CONTINUATION_STEPS + "); the policy refills an empty replay buffer first, then it trains as usual.\n\n");
        sb.append("where files go: ").append(AppDirs.current().describe()).append("\n\n");
        sb.append("preset fields (defaults: the paper's):\n");
        RunConfig.HELP.forEach((k, v) -> sb.append(String.format("  %-20s %s%n", k, v)));
        System.out.print(sb);
    }

    /**
     * A progress bar over environment steps, its own bar during model pre-training, one line per evaluation. The
     * bar's rate and ETA are those of the current phase (collection, then training); evaluations count as part of
     * the training they interrupt, as they recur until the end.
     */
    static final class ConsoleListener implements TrainingListener {
        private final ProgressBar bar;
        private ProgressBar pretrainBar;
        private String ratePhase;

        ConsoleListener(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void onTrainingStart(RunInfo info) {
            System.out.println("SLAC Lab: " + info.config().task() + ", model " + info.config().model() + ", seed "
                    + info.config().seed() + ", run folder " + info.runDir());
            System.out.println("backend: " + info.backend());
            if (info.resumedAtEnvSteps() > 0) {
                System.out.println("resumed at environment step " + info.resumedAtEnvSteps());
            }
        }

        @Override
        public void onNotice(String message) {
            System.out.println("note: " + message);
        }

        @Override
        public boolean onStep(Progress p) {
            if (p.phase() == Phase.PRETRAIN) {
                if (pretrainBar == null) {
                    System.out.println();
                    pretrainBar = new ProgressBar(System.out, p.pretrainTotal(), "model updates");
                }
                pretrainBar.update(p.pretrainDone(), "pre-training the latent model" + losses(p));
                return true;
            }
            if (pretrainBar != null) {
                pretrainBar.finish("pre-training done" + losses(p));
                pretrainBar = null;
            }
            String status = p.phase().toString().toLowerCase();
            if (p.updatesPerSecond() > 0) {
                status += String.format(", %.2f upd/s", p.updatesPerSecond());
            }
            if (!Double.isNaN(p.lastEvalReturn())) {
                status += String.format(", eval %.1f", p.lastEvalReturn());
            }
            if (p.phase() != Phase.EVALUATE) {
                ratePhase = p.phase().name();
            }
            bar.update(p.envSteps(), ratePhase, status);
            return true;
        }

        private static String losses(Progress p) {
            Double kl = p.metrics().get("kl");
            Double nll = p.metrics().get("nll_image");
            return kl == null || nll == null ? "" : String.format(", kl %.1f, image nll %.0f", kl, nll);
        }

        @Override
        public void onEvaluation(Evaluation e) {
            if (Double.isNaN(e.meanReturn())) {
                System.out.printf("%neval at %d env steps: no episodes played (evalEpisodes is 0)%n",
                        e.envSteps());
            } else {
                System.out.printf("%neval at %d env steps: return %.1f%n", e.envSteps(), e.meanReturn());
            }
        }
    }
}
