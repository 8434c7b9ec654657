package io.strategos.api.mapping;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, newest (or first in sort order) first; pass {@code nextCursor} back for the next page. */
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {
}
