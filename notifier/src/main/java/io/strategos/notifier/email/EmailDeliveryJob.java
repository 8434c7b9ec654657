package io.strategos.notifier.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.strategos.notifier.config.NotifierConfig;
import io.strategos.notifier.repository.EmailDeliveryRepository;
import io.strategos.notifier.repository.EmailDeliveryRepository.ClaimedEmail;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the emails the consumer wrote, after their transaction committed: releases held emails whose
 * quiet hours have ended into one digest per user, then sends what is due, retrying failures with
 * backoff until {@code max-attempts}.
 *
 * <p>Delivery is at least once: the status is updated right after the SMTP server accepted the
 * message, so a crash between the two sends that email again once its lease expires. A redelivered
 * Kafka event never writes a second email; only this narrow window can repeat one.
 */
@ApplicationScoped
public class EmailDeliveryJob {

    private static final Logger LOG = Logger.getLogger(EmailDeliveryJob.class);

    private final EmailDeliveryRepository deliveries;
    private final ReactiveMailer mailer;
    private final NotifierConfig.EmailConfig config;
    private final RetryBackoff backoff;
    private final Clock clock;

    public EmailDeliveryJob(EmailDeliveryRepository deliveries, ReactiveMailer mailer, NotifierConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.config = config.email();
        this.backoff = new RetryBackoff(this.config.retryFirstDelay(), this.config.retryMaxDelay());
        this.clock = clock;
    }

    @Scheduled(identity = "email-delivery", every = "${strategos.notifier.email.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return deliveries.releaseHeld(now(), config.batchSize())
                .invoke(released -> LOG.debugf("released %d held emails into digests", released))
                .flatMap(released -> deliveries.claimDue(now(), now().plus(config.sendLease()), config.batchSize()))
                .flatMap(this::sendAll)
                .onFailure().invoke(e -> LOG.warnf("email delivery round failed, next round retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> sendAll(List<ClaimedEmail> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(claimed.stream().map(this::send).toList()).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> send(ClaimedEmail email) {
        if (email.address() == null) {
            return deliveries.markFailed(email.id(), "the user has no email address");
        }
        return compose(email)
                .flatMap(mailer::send)
                .flatMap(sent -> deliveries.markSent(email.id(), now()))
                .onFailure().recoverWithUni(e -> failed(email, e));
    }

    private Uni<Mail> compose(ClaimedEmail email) {
        if (!email.digest()) {
            return Uni.createFrom().item(Mail.withText(email.address(), email.subject(), email.body()));
        }
        return deliveries.digestItems(email.id()).map(items -> Mail.withText(email.address(),
                DigestComposer.subject(items), DigestComposer.body(items, email.timeZone())));
    }

    private Uni<Void> failed(ClaimedEmail email, Throwable error) {
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (email.attempts() >= config.maxAttempts()) {
            LOG.warnf("email %s to user %s failed for good after %d attempts: %s", email.id(), email.userId(), email.attempts(), reason);
            return deliveries.markFailed(email.id(), reason);
        }
        LOG.debugf("email %s failed (attempt %d), retrying: %s", email.id(), email.attempts(), reason);
        return deliveries.scheduleRetry(email.id(), now().plus(backoff.after(email.attempts())), reason);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
