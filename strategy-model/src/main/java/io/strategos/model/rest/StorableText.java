package io.strategos.model.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text PostgreSQL refuses to store: the NUL character, which neither {@code text} (SQLSTATE 22021) nor a
 * {@code jsonb} string or key (22P05) can hold. Input is checked for it at the edge, so that it is a 400
 * naming the field instead of a 500 from the database.
 */
public final class StorableText {

    public static final String NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

    private StorableText() {
    }

    public static boolean isStorable(String value) {
        return value == null || value.indexOf('\0') < 0;
    }

    /** Every string value and every field name in {@code tree} that holds a NUL, by JSON pointer below {@code at}. */
    public static List<FieldError> nulCharacters(JsonNode tree, String at) {
        List<FieldError> errors = new ArrayList<>();
        collect(tree, at, errors);
        return errors;
    }

    private static void collect(JsonNode node, String pointer, List<FieldError> errors) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && !isStorable(node.textValue())) {
            errors.add(new FieldError(pointer, NUL_MESSAGE));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, errors);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + escape(field.getKey());
                if (!isStorable(field.getKey())) {
                    errors.add(new FieldError(child, "the field name " + NUL_MESSAGE));
                }
                collect(field.getValue(), child, errors);
            }
        }
    }

    /** RFC 6901: "~" and "/" in a field name are written "~0" and "~1". */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1").replace("\0", "\\u0000");
    }
}
