package slaclab.cli;

import slaclab.engine.ImaginationGif;
import slaclab.engine.ImaginedFrame;
import slaclab.engine.Imagination;
import slaclab.engine.SavedAgent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code imagine}: drives a run's or a lesson's learned model with given actions (or its policy) from a real start and
 * writes the dream, beside the real environment if asked, as an animated GIF.
 */
final class ImagineCommand {
    static final int DEFAULT_SCALE = 3;
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--run", "DIR        run folder with a checkpoint, lesson folder, or a shipped lesson's name; required");
        OPTIONS.put("--stage", "NAME     a lesson's stage (default: its final stage), or for a run folder the env steps of"
                + " an agent it kept at an evaluation (default: its checkpoint)");
        OPTIONS.put("--steps", "N        imagined steps (default: one per line of --actions; required with --policy)");
        OPTIONS.put("--actions", "FILE   one action per line, its components separated by spaces or commas, each"
                + " in [-1, 1]; # starts a comment");
        OPTIONS.put("--out", "FILE.gif   the animated GIF to write; required");
        OPTIONS.put("--seed", "S         seed of the environment, the policy and the prior's noise (default 0)");
        OPTIONS.put("--warmup", "K       agent steps the policy acts in the real episode before imagining starts"
                + " (default: a training sequence's length)");
        OPTIONS.put("--scale", "N        each 64x64 frame drawn N times larger (default " + DEFAULT_SCALE + ")");
    }

    private static final Set<String> FLAGS = Set.of("--policy", "--truth");

    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return 0;
        }
        Options o = new Options(args, OPTIONS, FLAGS);
        if (!o.has("--run")) {
            throw new IllegalArgumentException("imagine needs --run DIR, a run folder with a checkpoint or a lesson");
        }
        if (!o.has("--out")) {
            throw new IllegalArgumentException("imagine needs --out FILE.gif, where to write the animation");
        }
        if (o.has("--actions") == o.has("--policy")) {
            throw new IllegalArgumentException("imagine needs either --actions FILE (the actions to imagine) or --policy"
                    + " (the run's policy acts on its dream), not " + (o.has("--policy") ? "both" : "neither"));
        }
        Path out = Path.of(o.get("--out"));
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            throw new IllegalArgumentException("--out must name a .gif file, got " + out);
        }
        long seed = o.getLong("--seed", 0);
        int scale = (int) o.getLong("--scale", DEFAULT_SCALE);
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--scale must be 1 to 16, got " + scale);
        }
        List<float[]> actions = o.has("--actions") ? readActions(Path.of(o.get("--actions"))) : null;
        long steps = o.getLong("--steps", actions == null ? -1 : actions.size());
        if (actions == null && steps < 0) {
            throw new IllegalArgumentException("--policy needs --steps N, how many steps to imagine");
        }
        if (steps < 1 || steps > 10_000) {
            throw new IllegalArgumentException("--steps must be 1 to 10000, got " + steps);
        }
        if (actions != null && steps > actions.size()) {
            throw new IllegalArgumentException("--steps " + steps + " but " + o.get("--actions") + " holds "
                    + actions.size() + " actions; add lines or ask for fewer steps");
        }
        String where = o.get("--run");
        SavedAgent saved = SavedAgent.load(where, o.get("--stage"), seed, m -> System.out.println("note: " + m));
        try (Imagination im = Imagination.open(saved, seed)) {
            checkWidth(actions, im.actionDim(), o.get("--actions"), im.config().task());
            int warmup = (int) o.getLong("--warmup", im.config().sequenceLength());
            System.out.printf("imagining %s: %s, model %s, checkpoint at %,d env steps, seed %d%n", where,
                    im.config().task(), im.config().model(), saved.envSteps(), seed);
            ImaginedFrame f = im.begin(warmup);
            for (int k = 0; k < steps; k++) {
                f = im.step(actions != null ? actions.get(k) : im.policyAction());
                System.out.printf(Locale.ROOT, "step %d/%d action %s error %.4f%s%n", f.step(), steps,
                        ImaginationGif.action(f.action()), f.error(), f.ended() ? " (real episode over)" : "");
            }
            boolean truth = o.has("--truth");
            ImaginationGif.write(out, im.frames(), truth, scale);
            System.out.printf("wrote %s: %d frames (the start and %d imagined)%s%n", out, im.frames().size(), steps,
                    truth ? ", imagined beside real" : "");
        }
        return 0;
    }

    /** One action per non-empty line; '#' starts a comment. */
    static List<float[]> readActions(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--actions " + file + " does not exist; give a text file with one action"
                    + " per line");
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[,\\s]+");
            float[] a = new float[parts.length];
            for (int j = 0; j < parts.length; j++) {
                try {
                    a[j] = Float.parseFloat(parts[j]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + parts[j] + "' is not a"
                            + " number; write each action's components as numbers in [-1, 1]");
                }
                if (!(a[j] >= -1 && a[j] <= 1)) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + parts[j] + " is outside"
                            + " [-1, 1], the range of every action component");
                }
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--actions " + file + " holds no actions; write one per line");
        }
        return out;
    }

    private static void checkWidth(List<float[]> actions, int width, String file, String task) {
        if (actions == null) {
            return;
        }
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).length != width) {
                throw new IllegalArgumentException(file + ": action " + (i + 1) + " has " + actions.get(i).length
                        + " components, but " + task + " takes " + width + " per action; write " + width
                        + " number" + (width == 1 ? "" : "s") + " on each line");
            }
        }
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar target/slac-lab.jar imagine --run DIR [--stage NAME] (--actions FILE | --policy)\n"
                + "       [--steps N] [--truth] [--seed S] [--warmup K] [--scale N] --out FILE.gif\n\n");
        sb.append("Drives the learned latent model of a run folder (slac or any of its latent variants) or of a lesson's\n");
        sb.append("stage by hand. A real episode starts (the policy acting for K agent steps, as it evaluates), the\n");
        sb.append("posterior filters its last frames, and then each action rolls the prior one step,\n");
        sb.append("z_t+1 ~ p(z_t+1 | z_t, a_t), and decodes the frame the model expects. --actions FILE gives the\n");
        sb.append("actions; --policy lets the run's policy act on its own dream. --truth draws the real environment\n");
        sb.append("beside the dream, driven by the same actions from the same state, with the per-step image error\n");
        sb.append("(mean squared error per pixel value in [0, 1]). The GIF (10 frames a second, looping) has the start\n");
        sb.append("and one frame per step, each with its step counter and action; the same seed gives the same GIF.\n\n");
        sb.append("options:\n");
        OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
        sb.append("  --policy         the run's policy chooses each action from what it sees: the real start, then its dream\n");
        sb.append("  --truth          also draw the real environment and the image error\n");
        System.out.print(sb);
    }
}
