package io.strategos.executor.paper;

import io.smallrye.mutiny.Uni;
import io.strategos.executor.pipeline.RunResult;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies a batch's paper trades inside its recording transaction: the account is opened on the
 * first trade, cash and realized P&L move, positions open and close, and every fill is kept. The
 * tables' CHECK constraints (cash never negative, quantities positive) refuse anything else. The
 * latest prices of held markets are kept too, for the API's valuation of open positions.
 */
@ApplicationScoped
public class PaperTradeWriter {

    private static final String OPEN_ACCOUNTS = """
            INSERT INTO paper_portfolios (strategy_id, owner_id, starting_cash, cash)
            SELECT strategy_id, owner_id, bankroll::numeric, bankroll::numeric
              FROM unnest($1::uuid[], $2::text[], $3::text[]) AS a(strategy_id, owner_id, bankroll)
            ON CONFLICT (strategy_id) DO NOTHING
            """;

    private static final String MOVE_CASH = """
            UPDATE paper_portfolios p
               SET cash = p.cash + d.delta::numeric,
                   realized_pnl = p.realized_pnl + d.pnl::numeric,
                   updated_at = now()
              FROM unnest($1::uuid[], $2::text[], $3::text[]) AS d(strategy_id, delta, pnl)
             WHERE p.strategy_id = d.strategy_id
            """;

    private static final String CLOSE_POSITIONS = """
            DELETE FROM paper_positions p
             USING unnest($1::uuid[], $2::text[], $3::text[]) AS c(strategy_id, market_id, outcome)
             WHERE p.strategy_id = c.strategy_id AND p.market_id = c.market_id AND p.outcome = c.outcome
            """;

    private static final String OPEN_POSITIONS = """
            INSERT INTO paper_positions (strategy_id, market_id, outcome, quantity, avg_price, question)
            SELECT strategy_id, market_id, outcome, quantity::numeric, avg_price::numeric, question
              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                   AS o(strategy_id, market_id, outcome, quantity, avg_price, question)
            """;

    private static final String RECORD_FILLS = """
            INSERT INTO paper_trades (id, strategy_id, owner_id, execution_id, market_id, outcome, action, quantity, price,
                                      fee_usd, realized_pnl, reason)
            SELECT id, strategy_id, owner_id, execution_id, market_id, outcome, action, quantity::numeric, price::numeric,
                   fee::numeric, pnl::numeric, reason
              FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::text[], $10::text[], $11::text[], $12::text[])
                   AS f(id, strategy_id, owner_id, execution_id, market_id, outcome, action, quantity, price, fee, pnl, reason)
            """;

    // The latest price of every market a strategy holds; the API values open positions with it.
    private static final String KEEP_PRICES = """
            INSERT INTO market_prices (market_id, price, updated_at)
            SELECT market_id, price::numeric, now()
              FROM unnest($1::text[], $2::text[]) AS p(market_id, price)
            ON CONFLICT (market_id) DO UPDATE SET price = excluded.price, updated_at = excluded.updated_at
            """;

    public Uni<Void> write(SqlConnection conn, List<RunResult> results) {
        return writeTrades(conn, results).call(ignored -> keepPrices(conn, results));
    }

    private Uni<Void> keepPrices(SqlConnection conn, List<RunResult> results) {
        TreeMap<String, Double> prices = new TreeMap<>();
        results.forEach(r -> prices.putAll(r.effects().prices()));
        if (prices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Sorted, so concurrent batches lock the same rows in the same order.
        return conn.preparedQuery(KEEP_PRICES).execute(Tuple.of(prices.keySet().toArray(String[]::new),
                prices.values().stream().map(p -> BigDecimal.valueOf(p).toPlainString()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> writeTrades(SqlConnection conn, List<RunResult> results) {
        List<RunResult> trading = results.stream().filter(r -> !r.effects().trades().isEmpty()).toList();
        if (trading.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(OPEN_ACCOUNTS).execute(accounts(trading))
                .flatMap(ignored -> conn.preparedQuery(MOVE_CASH).execute(cashMoves(trading)))
                .flatMap(ignored -> executeIfAny(conn, CLOSE_POSITIONS, positions(trading, PaperTrade.Action.SELL)))
                .flatMap(ignored -> executeIfAny(conn, OPEN_POSITIONS, positions(trading, PaperTrade.Action.BUY)))
                .flatMap(ignored -> conn.preparedQuery(RECORD_FILLS).execute(fills(trading)))
                .replaceWithVoid();
    }

    /** A statement over no rows is skipped: an empty array has no element type to check. */
    private static Uni<?> executeIfAny(SqlConnection conn, String sql, Tuple arrays) {
        if (((Object[]) arrays.getValue(0)).length == 0) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(sql).execute(arrays);
    }

    private static Tuple accounts(List<RunResult> trading) {
        List<Object> ids = new ArrayList<>();
        List<Object> owners = new ArrayList<>();
        List<Object> bankrolls = new ArrayList<>();
        for (RunResult r : trading) {
            ids.add(r.run().strategyId());
            owners.add(r.run().ownerId());
            bankrolls.add(r.run().paperBankrollUsd().toPlainString());
        }
        return arrays(ids, owners, bankrolls);
    }

    private static Tuple cashMoves(List<RunResult> trading) {
        Map<UUID, BigDecimal[]> byStrategy = new LinkedHashMap<>();
        for (RunResult r : trading) {
            for (PaperTrade trade : r.effects().trades()) {
                BigDecimal[] sums = byStrategy.computeIfAbsent(r.run().strategyId(), id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(trade.cashDelta());
                if (trade.realizedPnl() != null) {
                    sums[1] = sums[1].add(trade.realizedPnl());
                }
            }
        }
        List<Object> ids = new ArrayList<>();
        List<Object> deltas = new ArrayList<>();
        List<Object> pnls = new ArrayList<>();
        byStrategy.forEach((id, sums) -> {
            ids.add(id);
            deltas.add(sums[0].toPlainString());
            pnls.add(sums[1].toPlainString());
        });
        return arrays(ids, deltas, pnls);
    }

    private static Tuple positions(List<RunResult> trading, PaperTrade.Action action) {
        List<Object> ids = new ArrayList<>();
        List<Object> markets = new ArrayList<>();
        List<Object> outcomes = new ArrayList<>();
        List<Object> quantities = new ArrayList<>();
        List<Object> prices = new ArrayList<>();
        List<Object> questions = new ArrayList<>();
        for (RunResult r : trading) {
            for (PaperTrade trade : r.effects().trades()) {
                if (trade.action() == action) {
                    ids.add(r.run().strategyId());
                    markets.add(trade.marketId());
                    outcomes.add(trade.outcome());
                    quantities.add(trade.quantity().toPlainString());
                    prices.add(trade.price().toPlainString());
                    questions.add(trade.question());
                }
            }
        }
        return action == PaperTrade.Action.SELL ? arrays(ids, markets, outcomes)
                : arrays(ids, markets, outcomes, quantities, prices, questions);
    }

    private static Tuple fills(List<RunResult> trading) {
        List<List<Object>> columns = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            columns.add(new ArrayList<>());
        }
        for (RunResult r : trading) {
            for (PaperTrade t : r.effects().trades()) {
                Object[] row = {UUID.randomUUID(), r.run().strategyId(), r.run().ownerId(), r.executionId(), t.marketId(),
                        t.outcome(), t.action().dbValue(), t.quantity().toPlainString(), t.price().toPlainString(),
                        t.feeUsd().toPlainString(), t.realizedPnl() == null ? null : t.realizedPnl().toPlainString(), t.reason()};
                for (int i = 0; i < row.length; i++) {
                    columns.get(i).add(row[i]);
                }
            }
        }
        return arrays(columns.toArray(List[]::new));
    }

    /**
     * One array parameter per column: the strategy id (first) and execution id columns as UUID[],
     * the rest as text[] that the SQL casts, so numbers cross the wire exactly as BigDecimal prints them.
     */
    @SafeVarargs
    private static Tuple arrays(List<Object>... columns) {
        Tuple tuple = Tuple.tuple();
        for (List<Object> column : columns) {
            boolean uuids = column.stream().anyMatch(UUID.class::isInstance);
            tuple.addValue(uuids ? column.toArray(UUID[]::new) : column.toArray(String[]::new));
        }
        return tuple;
    }
}
