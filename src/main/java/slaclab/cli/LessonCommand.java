package slaclab.cli;

import slaclab.engine.Lesson;
import slaclab.engine.LessonPacker;
import slaclab.engine.Lessons;
import slaclab.models.nn.ParamGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code lesson}: lists the shipped lessons, or packs a lesson folder from a long run's folder. */
final class LessonCommand {
    /** The size a lesson may have in the repository (issue 12). */
    static final long SIZE_LIMIT_BYTES = 25L * 1000 * 1000;
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--run", "DIR       the long run's folder (train --out), which kept its agent at every evaluation in stages/");
        OPTIONS.put("--out", "DIR       the lesson folder to write, e.g. assets/lessons/cartpole-swingup");
        OPTIONS.put("--stages", "LIST   stages as name=envSteps, early to final, e.g. early=20000,middle=50000,final=100000");
        OPTIONS.put("--earlier-stages", "half|8bit  how the stages before the final one keep their weights: half"
                + " precision (default), or 8 bits in blocks of 256 with their own range (half the size again); the"
                + " final stage, which continues training, is always half precision");
        OPTIONS.put("--title", "TEXT    one line for the lab's menu (default: the folder's name)");
        OPTIONS.put("--summary", "TEXT  what the run shows and how it was trained (default: none)");
        OPTIONS.put("--paper", "LIST    the paper's SLAC returns for the task as envSteps=return, e.g. 100000=328,500000=793"
                + " (slac-details.md), drawn beside the curve");
    }

    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            printHelp();
            return 0;
        }
        Options o = new Options(args, OPTIONS, Set.of("--list"));
        if (o.has("--list")) {
            List<String> names = Lessons.shipped();
            if (names.isEmpty()) {
                System.out.println("no lessons in this build (assets/lessons/ was empty when it was built)");
            }
            for (String name : names) {
                Lesson l = Lessons.shipped(name);
                System.out.printf(Locale.ROOT, "%-20s %s; stages: %s%n", name, l.title(), String.join(", ",
                        l.stages().stream().map(s -> String.format(Locale.ROOT, "%s (%,d env steps, return %.1f)",
                                s.name(), s.envSteps(), s.evalReturn())).toList()));
            }
            return 0;
        }
        if (!o.has("--run") || !o.has("--out") || !o.has("--stages")) {
            throw new IllegalArgumentException("lesson needs --run DIR --out DIR --stages name=envSteps,... (or --list)");
        }
        Path out = Path.of(o.get("--out"));
        String title = o.has("--title") ? o.get("--title") : out.getFileName().toString();
        List<Lesson.PaperReturn> paper = o.has("--paper") ? paper(o.get("--paper")) : List.of();
        String earlier = o.has("--earlier-stages") ? o.get("--earlier-stages") : "half";
        if (!earlier.equals("half") && !earlier.equals("8bit")) {
            throw new IllegalArgumentException("--earlier-stages is half or 8bit, got '" + earlier + "'");
        }
        LessonPacker.Packed p = LessonPacker.pack(Path.of(o.get("--run")), choices(o.get("--stages")), title,
                o.has("--summary") ? o.get("--summary") : "", paper, earlier.equals("8bit")
                        ? ParamGroup.Storage.COMPACT_8BIT : ParamGroup.Storage.COMPACT, out);
        for (Lesson.Stage s : p.stages()) {
            System.out.printf(Locale.ROOT, "stage %s: %,d env steps, evaluation return %.1f, %s (%.1f MB)%n", s.name(),
                    s.envSteps(), s.evalReturn(), s.agent(), Files.size(out.resolve(s.agent())) / 1e6);
        }
        System.out.printf(Locale.ROOT, "lesson %s: %.1f MB%s%n", out, p.bytes() / 1e6, p.bytes() > SIZE_LIMIT_BYTES
                ? String.format(Locale.ROOT, " (over the %.0f MB a lesson may take in the repository: keep fewer"
                + " stages)", SIZE_LIMIT_BYTES / 1e6) : "");
        return 0;
    }

    /** "early=20000,final=100000" as choices, in order. */
    static List<LessonPacker.Choice> choices(String list) {
        List<LessonPacker.Choice> out = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] kv = item.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--stages takes name=envSteps items separated by commas, got '"
                        + item + "'");
            }
            try {
                out.add(new LessonPacker.Choice(kv[0].trim(), Long.parseLong(kv[1].trim().replace("_", ""))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--stages: '" + kv[1] + "' is not a whole number of env steps");
            }
        }
        return out;
    }

    /** "100000=328,500000=793" as the paper's returns. */
    static List<Lesson.PaperReturn> paper(String list) {
        List<Lesson.PaperReturn> out = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] kv = item.trim().split("=");
            try {
                out.add(new Lesson.PaperReturn(Long.parseLong(kv[0].trim().replace("_", "")),
                        Double.parseDouble(kv[1].trim())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--paper takes envSteps=return items separated by commas, e.g."
                        + " 100000=328,500000=793; got '" + item + "'");
            }
        }
        return out;
    }

    private static void printHelp() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar target/slac-lab.jar lesson --list\n");
        sb.append("       java -jar target/slac-lab.jar lesson --run DIR --out DIR --stages name=N,... [--earlier-stages half|8bit]\n");
        sb.append("              [--title T] [--summary S] [--paper N=R,...]\n\n");
        sb.append("A lesson is a long run trained once and shipped: the lab opens it (Open lesson) to show the run's\n");
        sb.append("curves, an evaluation episode and rollouts at each stage, and continues training from its final stage\n");
        sb.append("(train --lesson NAME does the same headless). --list names the lessons inside this build.\n");
        sb.append("Packing writes the run's config.json, metrics.csv and returns.png, and for each stage the agent the run\n");
        sb.append("kept at that evaluation (stages/agent-N.bin) in half precision without optimiser state, with that\n");
        sb.append("evaluation's rollout figure. Lessons in assets/lessons/ are built into the jar.\n\n");
        sb.append("options:\n");
        OPTIONS.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v).append('\n'));
        sb.append("  --list     list the shipped lessons and their stages\n");
        System.out.print(sb);
    }
}
