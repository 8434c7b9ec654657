package io.strategos.model.stream;

import io.strategos.model.FieldError;
import java.util.List;

/** The {@code Last-Event-ID} header a client reconnects to a change stream with: the {@link Change#seq()} it saw last. */
public final class LastEventId {

    public static final String HEADER = "Last-Event-ID";

    private LastEventId() {
    }

    /**
     * @param value  the header, maybe absent
     * @param errors where a value that is not a seq is reported, naming the header
     * @return the seq, or null when absent or reported
     */
    public static Long parse(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(HEADER, "not an event id of this stream"));
        return null;
    }
}
