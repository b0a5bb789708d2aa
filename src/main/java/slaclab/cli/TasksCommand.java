package slaclab.cli;

import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

import java.util.Map;
import java.util.Set;

/** {@code tasks}: one line per task, with whether it can run here and, if not, why and how to fix it. */
final class TasksCommand {
    int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar target/slac-lab.jar tasks\n\nLists every task: name, physics source,"
                    + " action dimension, default action repeat, and whether it is available here (if not: why, and"
                    + " the command that installs what is missing).\n\nBesides these, 'mjcf:/path/to/model.xml#BODY'"
                    + " names a task on your own MuJoCo model (reward: BODY's forward velocity).");
            return 0;
        }
        new Options(args, Map.of(), Set.of());
        System.out.printf("%-22s %-10s %6s %7s  %s%n", "task", "source", "action", "repeat", "available");
        for (TaskSpec s : Tasks.all()) {
            String why = Tasks.unavailableReason(s.name());
            System.out.printf("%-22s %-10s %6d %7d  %s%n", s.name(), s.source(), s.actionDim(), s.defaultActionRepeat(),
                    why == null ? "yes" : "no: " + why);
        }
        return 0;
    }
}
