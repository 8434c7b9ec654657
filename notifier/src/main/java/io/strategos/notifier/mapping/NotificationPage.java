package io.strategos.notifier.mapping;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of notifications, newest first, shaped like every list strategy-api serves. */
public record NotificationPage(
        @Schema(description = "The notifications of this page") List<NotificationView> items,
        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {
}
