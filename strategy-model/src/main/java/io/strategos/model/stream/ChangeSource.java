package io.strategos.model.stream;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Where a stream reads its changes: one caller's, in the database, oldest first. */
@FunctionalInterface
public interface ChangeSource {

    /** Up to {@code limit} of the caller's changes with a seq above {@code afterSeq}, in seq order. */
    Uni<List<Change>> after(long afterSeq, int limit);
}
