package io.strategos.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by processes on this machine, from their {@code /proc/<pid>/stat}: what a benchmark's
 * run cost each side. Per process, not machine-wide (this machine's {@code /proc/stat} lags by seconds).
 */
final class CpuTime {

    /** Linux reports process times in USER_HZ, 100 per second on every architecture it runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    /** utime + stime of one process, in ticks. */
    static long ticks(long pid) throws IOException {
        String[] fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * utime + stime of a JVM's JIT compiler threads (HotSpot names them "C1 CompilerThread<n>" and
     * "C2 CompilerThread<n>", cut to 15 characters), in ticks; 0 for a native executable, which has none.
     */
    static long compilerTicks(long pid) throws IOException {
        long total = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = statFields(thread.resolve("stat"));
                        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // HotSpot stops idle compiler threads; one that ended took its time with it.
                }
            }
        }
        return total;
    }

    /**
     * Every PostgreSQL process's utime + stime, plus what the postmaster collected from children that
     * have exited (autovacuum workers, closed backends), in ticks. The difference of two readings is
     * what the server used in between, whoever started or ended meanwhile.
     */
    static long postgresTicks() throws IOException {
        long total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (!Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        continue;
                    }
                    String[] fields = statFields(process.resolve("stat"));
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long parent = Long.parseLong(fields[1]);
                    if (!Files.readString(Path.of("/proc", Long.toString(parent), "comm")).strip().equals("postgres")) {
                        total += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // The process ended while being read; the postmaster's children times have it.
                }
            }
        }
        return total;
    }

    /** The fields after the command name, which may itself hold spaces: state is [0], utime [11]. */
    private static String[] statFields(Path stat) throws IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
    }

    /** Milliseconds of CPU per run, from a tick difference. */
    static double msPerRun(long ticks, long runs) {
        return ticks / TICKS_PER_SECOND * 1000.0 / runs;
    }
}
