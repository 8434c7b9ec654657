package io.strategos.benchmarks;

/**
 * The comparison that counts, in one run on this machine and database: the database's own ceiling
 * for Strategos' rows, Strategos itself (one executor replica, full history, events to Kafka), and
 * db-scheduler at its best setting (no history). Each on a fresh database, one after the other.
 * Strategos runs twice: strategies made from one template (one parsed definition serves them all)
 * and strategies whose graphs all differ (every claim parses its definition).
 */
final class PeerComparison {

    private PeerComparison() {
    }

    static void run(int strategies, int tasks, int batchSize, int pipelines) throws Exception {
        double ceiling;
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            ceiling = DatabaseCeiling.measure(env, strategies);
            System.out.printf("database ceiling: %.0f runs/s%n%n", ceiling);
        }
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
