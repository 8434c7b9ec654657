package io.strategos.executor.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON written straight into a builder, for the text the recorder writes on every run (node logs). */
public final class JsonText {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    /**
     * {@code value} as a JSON string, or {@code null}. Most values (market ids, node ids, types) need no
     * escaping and are appended as they are; the others go through Jackson's encoder.
     */
    public static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        if (needsEscaping(value)) {
            ENCODER.quoteAsString(value, json);
        } else {
            json.append(value);
        }
        json.append('"');
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
