package io.strategos.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.benchmarks.KedaDaySimulation.Load;
import io.strategos.benchmarks.KedaDaySimulation.Scaler;
import org.junit.jupiter.api.Test;

class KedaDaySimulationTest {

    @Test
    void aLoadTheMinimumAbsorbsKeepsTheMinimumAllDay() {
        KedaDaySimulation.Day day = KedaDaySimulation.simulate(new Load(60_000, 0), Scaler.asShipped(10_000), 5_000);

        assertThat(day.maxReplicas()).isEqualTo(2);
        assertThat(day.podHours()).isEqualTo(48.0);
        assertThat(day.maxLagSeconds()).isZero();
    }

    @Test
    void aBurstAddsPodsAsTheHpaAllowsAndOnlyOnceTheyAreReady() {
        // 100,000 due at 00:00:00; the poll at second 0 sees them: 2 replicas may become max(2 x 2, 2 + 4) = 6.
        KedaDaySimulation.Day day = KedaDaySimulation.simulate(new Load(0, 100_000), Scaler.asShipped(200), 1_000);

        assertThat(day.replicasAt()[19]).isEqualTo(2);
        assertThat(day.replicasAt()[20]).isEqualTo(6);
        // The next poll, at 15 s, sees the rest and asks for max(2 x 6, 6 + 4) = 12, ready at 35 s.
        assertThat(day.replicasAt()[35]).isEqualTo(12);
        assertThat(day.maxReplicas()).isLessThanOrEqualTo(20);
    }

    @Test
    void podsGoOneAMinuteOnlyAfterFiveQuietMinutes() {
        KedaDaySimulation.Day day = KedaDaySimulation.simulate(new Load(0, 100_000), Scaler.asShipped(200), 1_000);
        int peak = day.maxReplicas();
        int emptiedAt = 0;
        while (day.replicasAt()[emptiedAt] < peak) {
            emptiedAt++;
        }

        // Still at the peak up to five minutes after the last poll that wanted it, then one fewer a minute.
        assertThat(day.replicasAt()[emptiedAt + 200]).isEqualTo(peak);
        assertThat(day.replicasAt()[3_000]).isEqualTo(2);
        for (int t = 1; t < 3_600; t++) {
            assertThat(day.replicasAt()[t - 1] - day.replicasAt()[t]).isLessThanOrEqualTo(1);
        }
    }
}
