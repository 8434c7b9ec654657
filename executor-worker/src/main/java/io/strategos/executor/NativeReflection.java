package io.strategos.executor;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.strategos.executor.backtest.Backtest;
import io.strategos.executor.backtest.BacktestResult;
import io.strategos.executor.backtest.BacktestState;
import io.strategos.executor.market.Market;
import io.strategos.executor.paper.Position;
import io.strategos.model.event.StrategyEvent;
import io.strategos.model.event.StrategyEventData;
import io.strategos.model.graph.GraphEdge;
import io.strategos.model.graph.GraphNode;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.lab.TestRunReport;
import io.strategos.model.schedule.CronSchedule;
import io.strategos.model.schedule.IntervalSchedule;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.OnceSchedule;
import io.strategos.model.schedule.Schedule;

/**
 * The types Jackson reads or writes outside REST signatures (graphs and schedules from the
 * database, events into the outbox, market snapshots, backtests' settings, checkpoints and results,
 * the test-run report, which goes out as a {@code Response} entity), registered so a native image keeps them.
 */
@RegisterForReflection(targets = {
        StrategyGraph.class, GraphNode.class, GraphNode.Position.class, GraphEdge.class,
        Schedule.class, IntervalSchedule.class, CronSchedule.class, OnceSchedule.class, MisfirePolicy.class,
        StrategyEvent.class, StrategyEventData.class, Market.class,
        Backtest.Settings.class, BacktestState.class, BacktestState.Traded.class, Position.class, BacktestResult.class,
        BacktestResult.Baseline.class, TestRunReport.class, TestRunReport.Node.class, TestRunReport.Order.class,
        TestRunReport.Event.class, TestRunReport.WatchlistAddition.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
