package io.strategos.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void theDelayDoublesUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(5));
    }
}
