package io.strategos.api.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.PortfolioView;
import io.strategos.api.mapping.TradeView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads of the paper account executor-worker keeps (paper_portfolios, paper_positions,
 * paper_trades), valued at the latest prices in market_prices. Scoped by owner.
 */
@ApplicationScoped
public class PortfolioQueries {

    private static final String PORTFOLIO = """
            SELECT p.starting_cash, p.cash, p.realized_pnl, p.updated_at,
                   count(t.id) FILTER (WHERE t.realized_pnl IS NOT NULL)  AS closed_trades,
                   count(t.id) FILTER (WHERE t.realized_pnl > 0)          AS winning_trades
              FROM paper_portfolios p
              LEFT JOIN paper_trades t ON t.strategy_id = p.strategy_id AND t.action = 'sell'
             WHERE p.strategy_id = $1 AND p.owner_id = $2
             GROUP BY p.strategy_id
            """;

    /** An outcome's price is the market's yes price, or one minus it for no. */
    private static final String POSITIONS = """
            SELECT pos.market_id, pos.outcome, pos.question, pos.quantity, pos.avg_price, pos.opened_at,
                   CASE WHEN pos.outcome = 'yes' THEN m.price ELSE 1 - m.price END AS latest_price,
                   m.updated_at AS price_updated_at
              FROM paper_positions pos
              JOIN paper_portfolios p ON p.strategy_id = pos.strategy_id
              LEFT JOIN market_prices m ON m.market_id = pos.market_id
             WHERE pos.strategy_id = $1 AND p.owner_id = $2
             ORDER BY pos.opened_at DESC, pos.market_id, pos.outcome
            """;

    private static final String TRADES = """
            SELECT t.id, t.execution_id, t.market_id, t.outcome, t.action, t.quantity, t.price, t.fee_usd,
                   t.realized_pnl, t.reason, t.executed_at, t.executed_at::text AS sort_key
              FROM paper_trades t
             WHERE t.strategy_id = $1 AND t.owner_id = $2
               AND ($3::text IS NULL OR (t.executed_at, t.id) < ($3::text::timestamptz, $4::uuid))
             ORDER BY t.executed_at DESC, t.id DESC
             LIMIT $5
            """;

    public record FoundTrade(TradeView trade, String sortKey) {
    }

    private final CallerScope scope;

    public PortfolioQueries(CallerScope scope) {
        this.scope = scope;
    }

    /**
     * @param bankroll the deployed bankroll, reported as the starting cash until the executor opens the account
     */
    public Uni<PortfolioView> portfolio(UUID strategyId, String ownerId, BigDecimal bankroll) {
        Tuple args = Tuple.of(strategyId, ownerId);
        return scope.run(ownerId, c -> c.preparedQuery(PORTFOLIO).execute(args).flatMap(portfolio ->
                c.preparedQuery(POSITIONS).execute(args).map(positions -> view(portfolio, positions, bankroll))));
    }

    public Uni<List<FoundTrade>> trades(UUID strategyId, String ownerId, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(strategyId).addString(ownerId)
                .addString(after == null ? null : after.key()).addUUID(after == null ? null : after.id())
                .addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(TRADES).execute(args).map(rows -> {
            List<FoundTrade> found = new ArrayList<>(rows.size());
            for (Row r : rows) {
                found.add(new FoundTrade(new TradeView(r.getUUID("id"), r.getUUID("execution_id"), r.getString("market_id"),
                        r.getString("outcome"), r.getString("action"), r.getBigDecimal("quantity"), r.getBigDecimal("price"),
                        r.getBigDecimal("fee_usd"), r.getBigDecimal("realized_pnl"), r.getString("reason"),
                        StrategyRows.instant(r, "executed_at")), r.getString("sort_key")));
            }
            return found;
        }));
    }

    private static PortfolioView view(RowSet<Row> portfolio, RowSet<Row> positionRows, BigDecimal bankroll) {
        List<PortfolioView.Position> positions = new ArrayList<>(positionRows.size());
        BigDecimal positionsValue = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        for (Row r : positionRows) {
            BigDecimal quantity = r.getBigDecimal("quantity");
            BigDecimal avgPrice = r.getBigDecimal("avg_price");
            BigDecimal latest = r.getBigDecimal("latest_price");
            BigDecimal value = money(quantity.multiply(latest == null ? avgPrice : latest));
            BigDecimal pnl = latest == null ? BigDecimal.ZERO : money(quantity.multiply(latest.subtract(avgPrice)));
            positionsValue = positionsValue.add(value);
            unrealized = unrealized.add(pnl);
            positions.add(new PortfolioView.Position(r.getString("market_id"), r.getString("outcome"), r.getString("question"),
                    quantity, avgPrice, latest, StrategyRows.instant(r, "price_updated_at"), value, pnl,
                    StrategyRows.instant(r, "opened_at")));
        }
        if (portfolio.size() == 0) {
            BigDecimal cash = bankroll == null ? BigDecimal.ZERO.setScale(2) : bankroll;
            return new PortfolioView(bankroll, cash, positionsValue, cash.add(positionsValue), BigDecimal.ZERO.setScale(2),
                    unrealized, bankroll == null ? null : 0.0, null, 0, positions, null);
        }
        Row p = portfolio.iterator().next();
        BigDecimal starting = p.getBigDecimal("starting_cash");
        BigDecimal cash = p.getBigDecimal("cash");
        BigDecimal equity = cash.add(positionsValue);
        long closed = p.getLong("closed_trades");
        long won = p.getLong("winning_trades");
        double roi = equity.subtract(starting).multiply(BigDecimal.valueOf(100))
                .divide(starting, 4, RoundingMode.HALF_EVEN).doubleValue();
        return new PortfolioView(starting, cash, positionsValue, equity, p.getBigDecimal("realized_pnl"), unrealized, roi,
                closed == 0 ? null : (double) won / closed, closed, positions, StrategyRows.instant(p, "updated_at"));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
