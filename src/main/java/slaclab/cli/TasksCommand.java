package slaclab.cli;

import slaclab.environments.TaskSpec;
import slaclab.environments.Tasks;

import java.util.Map;
import java.util.Set;

/** {@code tasks}: one line per task. */
final class TasksCommand {
    int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar target/slac-lab.jar tasks\n\nLists every task: name, physics source,"
                    + " action dimension, default action repeat, and whether it is available here.");
            return 0;
        }
        new Options(args, Map.of(), Set.of());
        System.out.printf("%-22s %-10s %6s %7s  %s%n", "task", "source", "action", "repeat", "available");
        for (TaskSpec s : Tasks.all()) {
            System.out.printf("%-22s %-10s %6d %7d  %s%n", s.name(), s.source(), s.actionDim(), s.defaultActionRepeat(),
                    "yes");
        }
        return 0;
    }
}
