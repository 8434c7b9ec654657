package io.strategos.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The comparison that counts, in one run on this machine and database: the database's own ceiling
 * for Strategos' rows, Strategos itself (one executor replica, full history, events to Kafka), and
 * db-scheduler at its best setting (no history). Each on a fresh database, one after the other.
 * Strategos runs twice: strategies made from one template (one parsed definition serves them all)
 * and strategies whose graphs all differ (every claim parses its definition).
 *
 * <p>With more than one round, rounds after the first run the ceiling, Strategos (one template) and
 * db-scheduler at the setting the first round's sweep found best, again and in that order, so each
 * ratio is taken from parts measured minutes apart; the spread of the ratios over the rounds shows how
 * much the machine's speed drifted meanwhile.
 */
final class PeerComparison {

    private PeerComparison() {
    }

    static void run(int strategies, int tasks, int batchSize, int pipelines, int rounds) throws Exception {
        double ceiling = ceiling(strategies);
        ExecutorThroughput.Result strategos = strategos(strategies, batchSize, pipelines, false);
        ExecutorThroughput.Result distinct = strategos(strategies, batchSize, pipelines, true);
        DbSchedulerPeer.Result peer = DbSchedulerPeer.best(tasks);
        System.out.println();
        System.out.println("| what | executions/s | CPU per run: scheduler JVM | PostgreSQL | Kafka broker |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| database ceiling (pgbench, %d clients, batches of %d) | %.0f | - | - | - |%n",
                DatabaseCeiling.CLIENTS, DatabaseCeiling.BATCH, ceiling);
        System.out.printf("| Strategos, 1 replica, %d strategies from one template, full history | %.0f | %.3f ms | %.3f ms | %.3f ms |%n",
                strategies, strategos.perSecond(), strategos.executorCpuMs(), strategos.postgresCpuMs(), strategos.kafkaCpuMs());
        System.out.printf("| Strategos, 1 replica, %d strategies, every graph different, full history | %.0f | %.3f ms | %.3f ms | %.3f ms |%n",
                strategies, distinct.perSecond(), distinct.executorCpuMs(), distinct.postgresCpuMs(), distinct.kafkaCpuMs());
        System.out.printf("| db-scheduler at its best (%s), %d tasks, no history | %.0f | %.3f ms | %.3f ms | - |%n",
                peer.setting(), tasks, peer.perSecond(), peer.cpuMs(), peer.postgresCpuMs());
        System.out.printf("Strategos / db-scheduler: %.2fx (every graph different: %.2fx); Strategos / ceiling: %.0f %% (%.0f %%)%n",
                strategos.perSecond() / peer.perSecond(), distinct.perSecond() / peer.perSecond(),
                100 * strategos.perSecond() / ceiling, 100 * distinct.perSecond() / ceiling);
        if (rounds > 1) {
            List<Round> all = new ArrayList<>(List.of(new Round(1, ceiling, strategos.perSecond(), peer.perSecond())));
            for (int round = 2; round <= rounds; round++) {
                System.out.printf("%n--- round %d of %d: ceiling, Strategos (one template), db-scheduler at %s%n", round, rounds, peer.setting());
                all.add(new Round(round, ceiling(strategies), strategos(strategies, batchSize, pipelines, false).perSecond(),
                        DbSchedulerPeer.at(peer.setting(), tasks).perSecond()));
            }
            printRounds(all);
        }
    }

    private record Round(int number, double ceiling, double strategos, double dbScheduler) {

        double versusPeer() {
            return strategos / dbScheduler;
        }

        double ofCeiling() {
            return strategos / ceiling;
        }
    }

    private static void printRounds(List<Round> rounds) {
        System.out.println();
        System.out.println("| round | ceiling | Strategos (one template) | db-scheduler at its best | Strategos / db-scheduler | Strategos / ceiling |");
        System.out.println("|---|---|---|---|---|---|");
        for (Round r : rounds) {
            System.out.printf("| %d | %.0f | %.0f | %.0f | %.2fx | %.0f %% |%n",
                    r.number(), r.ceiling(), r.strategos(), r.dbScheduler(), r.versusPeer(), 100 * r.ofCeiling());
        }
        System.out.printf("median over %d rounds: Strategos / db-scheduler %.2fx (%.2f to %.2f), Strategos / ceiling %.0f %% (%.0f to %.0f)%n",
                rounds.size(), median(rounds, Round::versusPeer), min(rounds, Round::versusPeer), max(rounds, Round::versusPeer),
                100 * median(rounds, Round::ofCeiling), 100 * min(rounds, Round::ofCeiling), 100 * max(rounds, Round::ofCeiling));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> ratio) {
        double[] sorted = rounds.stream().mapToDouble(ratio).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Round> rounds, ToDoubleFunction<Round> ratio) {
        return rounds.stream().mapToDouble(ratio).min().orElseThrow();
    }

    private static double max(List<Round> rounds, ToDoubleFunction<Round> ratio) {
        return rounds.stream().mapToDouble(ratio).max().orElseThrow();
    }

    private static double ceiling(int strategies) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            double ceiling = DatabaseCeiling.measure(env, strategies);
            System.out.printf("database ceiling: %.0f runs/s%n%n", ceiling);
            return ceiling;
        }
    }

    private static ExecutorThroughput.Result strategos(int strategies, int batchSize, int pipelines, boolean distinctGraphs)
            throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            ExecutorThroughput.Result result = ExecutorThroughput.measure(env, strategies, 1, batchSize, pipelines, 0, distinctGraphs);
            ExecutorThroughput.print(result, strategies, 0);
            System.out.println();
            return result;
        }
    }
}
