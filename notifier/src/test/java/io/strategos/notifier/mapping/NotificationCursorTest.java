package io.strategos.notifier.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationCursorTest {

    @Test
    void aCursorComesBackAsItWentOut() {
        NotificationCursor cursor = new NotificationCursor(OffsetDateTime.parse("2026-11-22T05:01:02.123456Z"), UUID.randomUUID());
        assertThat(NotificationCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsRejected() {
        for (String garbage : new String[] {"", "not base64!", "bm90IGEgY3Vyc29y", "MTIzfG5vdC1hLXV1aWQ"}) {
            assertThatThrownBy(() -> NotificationCursor.decode(garbage)).as(garbage).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
