package io.strategos.executor.paper;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a strategy's paper account for a run. The lease makes the run the account's only writer
 * until it is recorded, so what it reads here is still true when its trades are written.
 */
@ApplicationScoped
public class PortfolioRepository {

    private static final String PORTFOLIO = "SELECT starting_cash, cash FROM paper_portfolios WHERE strategy_id = $1";
    private static final String POSITIONS = """
            SELECT market_id, outcome, quantity, avg_price FROM paper_positions WHERE strategy_id = $1 ORDER BY opened_at
            """;

    private final Pool pool;

    public PortfolioRepository(Pool pool) {
        this.pool = pool;
    }

    /** The account, or a fresh one holding {@code bankroll} in cash when the strategy has never traded. */
    public PaperPortfolio load(UUID strategyId, BigDecimal bankroll) {
        var account = pool.preparedQuery(PORTFOLIO).execute(Tuple.of(strategyId)).await().indefinitely();
        if (account.size() == 0) {
            return new PaperPortfolio(bankroll, bankroll, List.of());
        }
        Row row = account.iterator().next();
        List<Position> positions = new ArrayList<>();
        pool.preparedQuery(POSITIONS).execute(Tuple.of(strategyId)).await().indefinitely().forEach(p -> positions.add(
                new Position(p.getString("market_id"), p.getString("outcome"), p.getBigDecimal("quantity"), p.getBigDecimal("avg_price"))));
        return new PaperPortfolio(row.getBigDecimal("starting_cash"), row.getBigDecimal("cash"), positions);
    }
}
