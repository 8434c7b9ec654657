package io.strategos.notifier.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** notifier's own settings; each is documented, with its default, in application.properties. */
@ConfigMapping(prefix = "strategos.notifier")
public interface NotifierConfig {

    Duration collapseWindow();

    EmailConfig email();

    StreamConfig stream();

    interface StreamConfig {

        /** Events queued for one stream at most; the database holds the rest until the client takes these. */
        int bufferSize();

        /** Read by the heartbeat's {@code @Scheduled} expression; declared so the mapping knows it. */
        Duration heartbeat();
    }

    interface EmailConfig {

        /** Read by the delivery job's {@code @Scheduled} expression; declared so the mapping knows it. */
        Duration pollInterval();

        int batchSize();

        int maxAttempts();

        Duration retryFirstDelay();

        Duration retryMaxDelay();

        Duration sendLease();
    }
}
