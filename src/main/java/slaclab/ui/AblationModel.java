package slaclab.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import slaclab.engine.Ablation;
import slaclab.engine.Outcome;
import slaclab.engine.PresetCatalogue;
import slaclab.engine.Presets;
import slaclab.engine.RunConfig;
import slaclab.engine.io.AtomicFiles;
import slaclab.engine.slurm.SlurmTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Ablations pane's state and commands, on the FX thread: the queue of variant x seed runs started here (each
 * trained by the lab's one training session, so the other panes follow it), or an ablation folder opened to look at
 * and kept current while others fill it. The lab tells it when a run has new evaluations and when a run ends.
 */
public final class AblationModel {
    private final LabModel lab;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "pick variants and seeds, then Run ablation (uses the preset chosen in the toolbar)");
    private final ReadOnlyObjectWrapper<Path> dir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private List<Ablation.Job> jobs = List.of();
    private Map<String, List<Path>> runs = Map.of();
    /** Index of the job that runs now; -1 when no queue is running. */
    private int index = -1;
    /** Re-reads an opened ablation folder as others fill it; null when none is open. */
    private FolderWatch folderWatch;

    AblationModel(LabModel lab) {
        this.lab = lab;
    }

    // ---- read-only state ----

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The shown ablation's folder, or null before one is started or opened. */
    public ReadOnlyObjectProperty<Path> dirProperty() {
        return dir.getReadOnlyProperty();
    }

    /** Increases whenever the ablation's runs have new evaluations (the pane redraws). */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The run folders of the shown ablation, by variant. */
    public Map<String, List<Path>> runs() {
        return runs;
    }

    // ---- commands ----

    /**
     * Runs each variant and seed of the preset chosen in the toolbar one after another into a new folder under the
     * runs folder, laid out like the {@code ablate} command's (which can continue it); each run shows in the other
     * panes while it trains, and the ablation pane compares them.
     */
    public void start(List<String> variants, int seeds, long envSteps) {
        PresetCatalogue.Entry e = lab.presetProperty().get();
        if (lab.isBusy()) {
            lab.error("a run is training: stop it before starting an ablation");
            return;
        }
        if (e == null || !e.usable()) {
            lab.error(e == null ? "no preset chosen: pick one in the toolbar" : e.problem());
            return;
        }
        if (variants.isEmpty()) {
            lab.error("no variant ticked: tick at least one latent model or baseline");
            return;
        }
        RunConfig base = e.config().withEnvSteps(envSteps);
        String stamp = LabModel.folderStamp();
        Path out = lab.runsRoot().resolve("ablation-" + base.task() + "-" + stamp);
        try {
            jobs = Ablation.jobs(base, variants, seeds, out);
            Files.createDirectories(out);
            AtomicFiles.writeString(out.resolve("preset.json"), Presets.toJson(base));
        } catch (IllegalArgumentException | IOException ex) {
            lab.error("cannot start the ablation: " + ex.getMessage());
            return;
        }
        runs = Ablation.dirsByVariant(jobs);
        watch(null);
        dir.set(out);
        index = 0;
        runNextJob();
    }

    /** Shows an existing ablation folder (from the ablate command or an earlier lab session) on the ablation pane. */
    public void open(Path folder) {
        try {
            runs = Ablation.find(folder);
        } catch (IllegalArgumentException | IOException ex) {
            lab.error(ex.getMessage());
            return;
        }
        dir.set(folder);
        int count = runs.values().stream().mapToInt(List::size).sum();
        status.set(count + (count == 1 ? " run of " : " runs of ") + runs.size()
                + (runs.size() == 1 ? " variant in " : " variants in ") + folder);
        bump();
        watch(folder);
    }

    /** Stops watching an opened folder (the window closes). */
    void dispose() {
        watch(null);
    }

    // ---- from the lab's training session ----

    /** The lab's run has a new evaluation: redraw if an ablation is shown (the run may be one of its runs). */
    void runEvaluated() {
        if (!runs.isEmpty()) {
            bump();
        }
    }

    /** The lab's run ended: when it was the queue's, go on with the next job, or say how to continue the queue. */
    void runEnded(Outcome o) {
        if (index < 0) {
            return;
        }
        refreshFiles();
        bump();
        if (o.status() == Outcome.Status.FINISHED) {
            index++;
            runNextJob();
            return;
        }
        Ablation.Job j = jobs.get(index);
        index = -1;
        status.set("ablation halted at run " + j.variant() + ", seed " + j.seed() + " (" + o.status().name()
                .toLowerCase() + "). Continue it with: java -jar target/slac-lab.jar ablate --preset "
                + dir.get().resolve("preset.json") + " --variants " + String.join(",", runs.keySet()) + " --seeds "
                + (jobs.size() / Math.max(1, runs.size())) + " --out " + dir.get());
    }

    // ---- internals ----

    private void bump() {
        revision.set(revision.get() + 1);
    }

    /**
     * Keeps the opened folder's runs, figure and (for a Slurm sweep) their states current as others fill it: a
     * sweep's tasks on the shared disk, or an ablate command in a terminal. Null stops watching.
     */
    private void watch(Path folder) {
        if (folderWatch != null) {
            folderWatch.stop();
            folderWatch = null;
        }
        if (folder == null) {
            return;
        }
        folderWatch = new FolderWatch(folder, SlurmTools.onPath(System.getenv("PATH")), (look, problem) -> {
            if (!folder.equals(dir.get()) || index >= 0) {
                return;
            }
            if (look == null) {
                status.set(problem);
                return;
            }
            runs = look.runs();
            status.set(look.status());
            bump();
        });
        folderWatch.start();
    }

    /** Starts the queue's current job, skipping finished ones; resumes one that has a checkpoint. */
    private void runNextJob() {
        while (index >= 0 && index < jobs.size()) {
            Ablation.Job j = jobs.get(index);
            Ablation.State st;
            try {
                st = Ablation.prepare(j);
            } catch (IOException ex) {
                lab.error("cannot prepare " + j.dir() + ": " + ex.getMessage());
                index = -1;
                return;
            }
            if (st == Ablation.State.FINISHED) {
                index++;
                continue;
            }
            status.set(String.format("run %d of %d: %s, seed %d%s", index + 1, jobs.size(), j.variant(), j.seed(),
                    st == Ablation.State.RESUME ? " (continued from its checkpoint)" : ""));
            lab.launchFresh(j.config(), j.dir(), st == Ablation.State.RESUME);
            bump();
            return;
        }
        Path out = dir.get();
        index = -1;
        status.set("ablation done: " + jobs.size() + " runs; figure and numbers in " + out.resolve("comparison.png")
                + " and comparison.csv");
        refreshFiles();
    }

    /** Rewrites the ablation's comparison figure and numbers off the FX thread. */
    private void refreshFiles() {
        List<Ablation.Job> js = jobs;
        Path out = dir.get();
        if (js.isEmpty() || out == null) {
            return;
        }
        String task = js.get(0).config().task();
        Thread t = new Thread(() -> {
            try {
                Ablation.refresh(js, out, task);
            } catch (IOException | RuntimeException ex) {
                Platform.runLater(() -> lab.error("cannot write the comparison in " + out + ": " + ex.getMessage()));
            }
        }, "ablation-figure");
        t.setDaemon(true);
        t.start();
    }
}
