package io.strategos.benchmarks;

import io.strategos.localstack.Packaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code benchmarks/run}. This is a terminal program: results go to standard output,
 * in the form BENCHMARKS.md records them.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: benchmarks/run compare|executor|ceiling|db-scheduler|recovery|schedule-lag|notifier|notifier-stream|api|lab|keda-backlog|keda-day [--option value ...] [--packaging jvm|native] [--schema-variant file.sql --pairs 3]");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (options.containsKey("packaging")) {
            BenchEnvironment.packaging = Packaging.valueOf(options.get("packaging").toUpperCase(Locale.ROOT));
        }
        if (options.containsKey("schema-variant")) {
            comparePairs(args[0], options);
        } else {
            run(args[0], options);
        }
        System.exit(0);
    }

    /**
     * The benchmark on the schema as migrated, then with the variant applied, in alternated pairs: this
     * machine's speed drifts between minutes by more than most schema changes move a figure.
     */
    private static void comparePairs(String benchmark, Map<String, String> options) throws Exception {
        Path variant = Path.of(options.get("schema-variant"));
        String sql = Files.readString(variant);
        int pairs = intOption(options, "pairs", 3);
        for (int pair = 1; pair <= pairs; pair++) {
            System.out.printf("--- pair %d of %d: as migrated%n", pair, pairs);
            BenchEnvironment.schemaVariant = null;
            run(benchmark, options);
            System.out.printf("--- pair %d of %d: with %s%n", pair, pairs, variant.getFileName());
            BenchEnvironment.schemaVariant = sql;
            run(benchmark, options);
        }
    }

    private static void run(String benchmark, Map<String, String> options) throws Exception {
        switch (benchmark) {
            case "executor" -> ExecutorThroughput.run(
                    intOption(options, "strategies", 20_000), intOption(options, "replicas", 1), intOption(options, "batch-size", 500),
                    intOption(options, "pipelines", 2), intOption(options, "idle", 0),
                    Boolean.parseBoolean(options.getOrDefault("distinct-graphs", "false")));
            case "compare" -> PeerComparison.run(intOption(options, "strategies", 100_000), intOption(options, "tasks", 200_000),
                    intOption(options, "batch-size", 500), intOption(options, "pipelines", 2), intOption(options, "rounds", 1));
            case "ceiling" -> DatabaseCeiling.run(intOption(options, "strategies", 100_000));
            case "recovery" -> Recovery.run(intOption(options, "strategies", 30_000));
            case "schedule-lag" -> ScheduleLag.run(
                    intOption(options, "strategies", 100_000), intOption(options, "minutes", 3), intOption(options, "replicas", 1),
                    intOption(options, "jitter", 0));
            case "notifier" -> NotifierThroughput.run(
                    intOption(options, "events", 50_000), intOption(options, "rate", 1_000), intOption(options, "seconds", 30));
            case "notifier-stream" -> NotificationStreamLatency.run(
                    intOption(options, "streams", 2_000), intOption(options, "rate", 1_000), intOption(options, "seconds", 30));
            case "api" -> ApiLatency.run(
                    intOption(options, "strategies", 100_000), intOption(options, "users", 1_000),
                    intOption(options, "rate", 1_000), intOption(options, "seconds", 30), intOption(options, "warmup", 20),
                    options.getOrDefault("scenario", "both"));
            case "lab" -> LabBenchmark.run(intOption(options, "test-runs", 2_000), intOption(options, "days", 30),
                    intOption(options, "strategies", 5_000));
            case "db-scheduler" -> DbSchedulerPeer.best(intOption(options, "tasks", 200_000));
            case "keda-backlog" -> KedaBacklog.run(intOption(options, "strategies", 100_000), intOption(options, "evaluations", 200));
            case "keda-day" -> KedaDaySimulation.run(intOption(options, "spread", 100_000), intOption(options, "burst", 100_000),
                    intOption(options, "per-replica", 5_000));
            default -> {
                System.out.println("unknown benchmark " + benchmark);
                System.exit(2);
            }
        }
    }

    private static int intOption(Map<String, String> options, String name, int defaultValue) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : defaultValue;
    }
}
