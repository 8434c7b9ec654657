package io.strategos.api.service;

import io.strategos.model.rest.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;

/**
 * Conditional requests: a strategy's entity tag is its version number, so {@code If-Match} with a
 * stale version means someone else saved in between, and the write is refused with 412.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** The entity tag of a strategy at {@code version}. */
    public static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /**
     * @param ifMatch the If-Match header, null when absent (the write is then unconditional)
     * @throws WebApplicationException 412 as problem+json when no listed tag is the current version
     */
    public static void checkIfMatch(String ifMatch, int currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = Integer.toString(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return;
            }
            // Weak tags never match for If-Match (RFC 9110, strong comparison).
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.substring(1, t.length() - 1).equals(current)) {
                return;
            }
        }
        throw new WebApplicationException(Problem.response(412, "Precondition Failed",
                "the strategy has changed: it is at version " + current + ", not " + ifMatch.strip()
                        + "; read it again and reapply your change", null));
    }
}
