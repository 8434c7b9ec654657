package io.strategos.notifier.email;

import io.strategos.notifier.repository.EmailDeliveryRepository.DigestItem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The text of one email that carries everything held for a user during their quiet hours. */
public final class DigestComposer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private DigestComposer() {
    }

    public static String subject(List<DigestItem> items) {
        return items.size() == 1
                ? "1 notification from your quiet hours"
                : items.size() + " notifications from your quiet hours";
    }

    /** @param zone the recipient's, so that times read as their clock showed them */
    public static String body(List<DigestItem> items, ZoneId zone) {
        StringBuilder body = new StringBuilder("While your quiet hours lasted, Strategos held these for you:\n");
        for (DigestItem item : items) {
            body.append("\n").append(TIME.format(item.createdAt().atZoneSameInstant(zone))).append("  ").append(item.subject())
                    .append("\n").append(item.body()).append("\n");
        }
        return body.toString();
    }
}
