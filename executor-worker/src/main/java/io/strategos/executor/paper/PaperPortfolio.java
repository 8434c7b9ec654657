package io.strategos.executor.paper;

import java.math.BigDecimal;
import java.util.List;

/** A strategy's paper account as a run finds it. */
public record PaperPortfolio(BigDecimal startingCash, BigDecimal cash, List<Position> positions) {
}
