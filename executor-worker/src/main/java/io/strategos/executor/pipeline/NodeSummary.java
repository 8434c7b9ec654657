package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a node's log says about its output: how many markets came in and went out, and the first
 * {@link PipelineRunner#LOGGED_MARKETS} ids that went out. The lab returns it as it is; the recorder
 * writes it as JSON text for every node of every run, so {@link #appendJson} writes it directly
 * rather than through a JSON tree (that tree was a tenth of the worker's CPU).
 */
public record NodeSummary(int inputCount, int outputCount, List<String> marketIds) {

    /** Appends {@code {"inputCount": n, "outputCount": n, "marketIds": ["id", ...]}}, the ids as JSON strings. */
    public void appendJson(StringBuilder json) {
        json.append("{\"inputCount\": ").append(inputCount)
                .append(", \"outputCount\": ").append(outputCount)
                .append(", \"marketIds\": [");
        for (int i = 0; i < marketIds.size(); i++) {
            if (i > 0) {
                json.append(", ");
            }
            JsonText.string(json, marketIds.get(i));
        }
        json.append("]}");
    }

    /** The same as a JSON tree, for the lab's report. */
    public ObjectNode toTree() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode()
                .put("inputCount", inputCount)
                .put("outputCount", outputCount);
        marketIds.forEach(tree.putArray("marketIds")::add);
        return tree;
    }
}
