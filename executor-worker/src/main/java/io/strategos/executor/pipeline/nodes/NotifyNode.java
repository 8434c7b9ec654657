package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.pipeline.NodeExecutor;
import io.strategos.executor.pipeline.RunContext;
import io.strategos.model.event.EventType;
import io.strategos.model.graph.NodeType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sends the strategy's owner a custom notification. Config: {@code message}, in which
 * {@code {count}} becomes the number of incoming markets and {@code {markets}} the first few of
 * their questions; {@code onlyWhenMarkets} (default true) stays silent when nothing came in.
 */
@ApplicationScoped
public class NotifyNode implements NodeExecutor {

    static final String DEFAULT_MESSAGE = "{count} market(s) matched: {markets}";
    private static final int LISTED_MARKETS = 3;

    @Override
    public NodeType type() {
        return NodeType.NOTIFY;
    }

    @Override
    public List<Market> execute(ObjectNode config, List<Market> input, RunContext run) {
        if (input.isEmpty() && config.path("onlyWhenMarkets").asBoolean(true)) {
            return input;
        }
        String questions = String.join("; ", input.stream().limit(LISTED_MARKETS).map(Market::question).toList());
        String message = config.path("message").asText(DEFAULT_MESSAGE)
                .replace("{count}", Integer.toString(input.size()))
                .replace("{markets}", questions);
        run.emit(EventType.CUSTOM, message);
        return input;
    }
}
