package slaclab.cli;

import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code tasks}: one line per task, with whether it can run here and, if not, why and how to fix it. */
final class TasksCommand {
    int run(String[] args) throws IOException {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar target/slac-lab.jar tasks [--gallery FILE.png [--scale N]"
                    + " [--columns N]]\n\nLists every task: name, physics source,"
                    + " action dimension, default action repeat, and whether it is available here (if not: why, and"
                    + " the command that installs what is missing).\n\nBesides these, 'mjcf:/path/to/model.xml#BODY'"
                    + " names a task on your own MuJoCo model (reward: BODY's forward velocity).\n\noptions:\n"
                    + "  --gallery FILE.png  also draw the first frame (seed 0, after reset) of every task available"
                    + " here\n                      into one PNG grid, each labelled with its task name; tasks that"
                    + " cannot\n                      run here are skipped with a note\n"
                    + "  --scale N           with --gallery: pixels per observation pixel (default "
                    + TaskGallery.DEFAULT_SCALE + ", sharp)\n"
                    + "  --columns N         with --gallery: frames per row (default " + TaskGallery.DEFAULT_COLUMNS
                    + ")");
            return 0;
        }
        Options o = new Options(args, Map.of("--gallery", "FILE.png", "--scale", "N", "--columns", "N"), Set.of());
        if (!o.has("--gallery") && (o.has("--scale") || o.has("--columns"))) {
            throw new IllegalArgumentException("--scale and --columns need --gallery FILE.png");
        }
        int scale = (int) o.getLong("--scale", TaskGallery.DEFAULT_SCALE);
        int columns = (int) o.getLong("--columns", TaskGallery.DEFAULT_COLUMNS);
        TaskGallery.checkLayout(scale, columns);
        System.out.printf("%-22s %-10s %6s %7s  %s%n", "task", "source", "action", "repeat", "available");
        for (TaskSpec s : Tasks.all()) {
            String why = Tasks.unavailableReason(s.name());
            System.out.printf("%-22s %-10s %6d %7d  %s%n", s.name(), s.source(), s.actionDim(), s.defaultActionRepeat(),
                    why == null ? "yes" : "no: " + why);
        }
        if (o.has("--gallery")) {
            TaskGallery.write(Path.of(o.get("--gallery")), Tasks.names(), scale, columns, System.out);
        }
        return 0;
    }
}
