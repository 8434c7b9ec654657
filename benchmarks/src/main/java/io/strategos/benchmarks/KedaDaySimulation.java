package io.strategos.benchmarks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A day of executor-worker replicas as KEDA and the HPA would set them (deploy/k8s/base/executor-worker.yaml),
 * second by second, from a measured per-replica throughput: no cluster, no services, only the scaler's
 * arithmetic and a queue. The load is a spread cron (strategies on a one-minute cron with jitter, so
 * their runs arrive evenly) plus a burst of strategies due at the top of each hour.
 *
 * <p>The model: every {@code pollSeconds} KEDA reads the backlog (runs due and not yet recorded: the
 * queue, plus what arrived within {@code recordSeconds}, the time a claimed run takes to be recorded)
 * and the HPA wants {@code ceil(backlog / target)} replicas within [min, max]. Up: at most
 * {@code max(2 x current, current + 4)} per poll (the HPA's default policies), each new pod working
 * {@code readySeconds} later. Down: to the highest wish of the last {@code downWindowSeconds}, one pod a
 * minute (the ScaledObject's behaviour). Replicas drain the queue first in, first out.
 */
final class KedaDaySimulation {

    static final int DAY = 86_400;

    record Load(int spreadPerMinute, int hourlyBurst) {
        /** Runs falling due in second {@code t} of the day. */
        double arrivals(int t) {
            return spreadPerMinute / 60.0 + (t % 3_600 == 0 ? hourlyBurst : 0);
        }
    }

    record Scaler(int target, int minReplicas, int maxReplicas, int pollSeconds, int readySeconds, int downWindowSeconds,
                  double recordSeconds) {
        static Scaler asShipped(int target) {
            return new Scaler(target, 2, 20, 15, 20, 300, 0.25);
        }
    }

    /** What the day came to; {@code replicasAt[t]} are the working replicas in second t. */
    record Day(int[] replicasAt, double podHours, int maxReplicas, double maxQueue, int lagP99Seconds, int maxLagSeconds) {
        double averageReplicas() {
            return Arrays.stream(replicasAt).average().orElse(0);
        }
    }

    private KedaDaySimulation() {
    }

    static Day simulate(Load load, Scaler scaler, double perReplicaPerSecond) {
        Deque<double[]> queue = new ArrayDeque<>();   // {second it fell due, runs}
        double queued = 0;
        int wanted = scaler.minReplicas();
        List<int[]> starting = new ArrayList<>();      // {second it works from, pods}
        int working = scaler.minReplicas();
        int[] replicasAt = new int[DAY];
        int[] wishes = new int[DAY];                   // the HPA's wish at each poll, 0 between polls
        int lastScaleDown = -60;
        long[] lagHistogram = new long[DAY];
        double maxQueue = 0;
        for (int t = 0; t < DAY; t++) {
            final int now = t;
            working += starting.stream().filter(s -> s[0] == now).mapToInt(s -> s[1]).sum();
            starting.removeIf(s -> s[0] == now);
            double arriving = load.arrivals(t);
            queue.addLast(new double[] {t, arriving});
            queued += arriving;

            double capacity = working * perReplicaPerSecond;
            while (capacity > 0 && !queue.isEmpty()) {
                double[] oldest = queue.peekFirst();
                double taken = Math.min(capacity, oldest[1]);
                lagHistogram[t - (int) oldest[0]] += Math.round(taken);
                capacity -= taken;
                queued -= taken;
                oldest[1] -= taken;
                if (oldest[1] <= 1e-9) {
                    queue.pollFirst();
                }
            }
            maxQueue = Math.max(maxQueue, queued);

            if (t % scaler.pollSeconds() == 0) {
                double backlog = queued + arriving * scaler.recordSeconds();
                int wish = backlog <= 0 ? scaler.minReplicas()
                        : Math.clamp((int) Math.ceil(backlog / scaler.target()), scaler.minReplicas(), scaler.maxReplicas());
                wishes[t] = wish;
                int current = wanted;
                if (wish > current) {
                    wanted = Math.min(wish, Math.max(2 * current, current + 4));
                    starting.add(new int[] {t + scaler.readySeconds(), wanted - current});
                } else {
                    int highestRecent = highest(wishes, Math.max(0, t - scaler.downWindowSeconds()), t);
                    if (highestRecent < current && t - lastScaleDown >= 60) {
                        wanted = current - 1;
                        lastScaleDown = t;
                        // A pod that is still starting is the one removed, if there is one.
                        if (!starting.isEmpty()) {
                            int[] last = starting.getLast();
                            if (--last[1] == 0) {
                                starting.removeLast();
                            }
                        } else {
                            working--;
                        }
                    }
                }
            }
            replicasAt[t] = working;
        }
        double podSeconds = Arrays.stream(replicasAt).asLongStream().sum();
        return new Day(replicasAt, podSeconds / 3_600, Arrays.stream(replicasAt).max().orElse(0), maxQueue,
                percentile(lagHistogram, 0.99), percentile(lagHistogram, 1.0));
    }

    private static int highest(int[] values, int from, int to) {
        int highest = 0;
        for (int i = from; i <= to; i++) {
            highest = Math.max(highest, values[i]);
        }
        return highest;
    }

    private static int percentile(long[] histogram, double share) {
        long needed = (long) Math.ceil(Arrays.stream(histogram).sum() * share);
        long seen = 0;
        for (int lag = 0; lag < histogram.length; lag++) {
            seen += histogram[lag];
            if (seen >= needed) {
                return lag;
            }
        }
        return histogram.length;
    }

    /** Prints the day for several scaler targets, and the shipped target's first hour minute by minute. */
    static void run(int spreadPerMinute, int hourlyBurst, int perReplica) {
        Load load = new Load(spreadPerMinute, hourlyBurst);
        System.out.printf("a day of %,d strategies on a one-minute cron with jitter (%,.0f runs/s) plus %,d due at the top of "
                + "each hour; one replica records %,d runs/s; KEDA polls every 15 s, prod's 2-20 replicas%n",
                spreadPerMinute, spreadPerMinute / 60.0, hourlyBurst, perReplica);
        System.out.println("| targetQueryValue | pod-hours a day | average replicas | most replicas | longest queue | schedule lag p99 | max |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int target : new int[] {200, 1_000, perReplica * 15 / 10, perReplica * 15}) {
            Day day = simulate(load, Scaler.asShipped(target), perReplica);
            System.out.printf("| %,d | %.0f | %.1f | %d | %,.0f runs | %d s | %d s |%n", target, day.podHours(),
                    day.averageReplicas(), day.maxReplicas(), day.maxQueue(), day.lagP99Seconds(), day.maxLagSeconds());
        }
        Day shipped = simulate(load, Scaler.asShipped(200), perReplica);
        StringBuilder hour = new StringBuilder("replicas working, minute by minute, in the day's second hour (target 200):");
        for (int minute = 60; minute < 120; minute++) {
            hour.append(' ').append(shipped.replicasAt()[minute * 60 + 30]);
        }
        System.out.println(hour);
    }
}
