package io.strategos.executor.recording;

import io.strategos.executor.pipeline.JsonText;
import io.strategos.executor.pipeline.NodeResult;
import java.util.List;

/**
 * A run's node logs as the JSON text of {@code executions.node_logs} (format in the V22 migration).
 * Written directly, as {@link io.strategos.executor.pipeline.NodeSummary} writes a node's output: it is
 * built for every run, and a Jackson tree for it cost more than the rest of the recording. Times are epoch
 * milliseconds, not ISO-8601 text: formatting instants was a tenth of this method's time.
 */
final class NodeLogs {

    private NodeLogs() {
    }

    static String json(List<NodeResult> nodes) {
        StringBuilder json = new StringBuilder(nodes.size() * 512).append('[');
        for (int i = 0; i < nodes.size(); i++) {
            NodeResult node = nodes.get(i);
            if (i > 0) {
                json.append(", ");
            }
            json.append("{\"seq\": ").append(node.seq());
            JsonText.string(json.append(", \"nodeId\": "), node.nodeId());
            JsonText.string(json.append(", \"nodeType\": "), node.nodeType());
            JsonText.string(json.append(", \"status\": "), node.status().dbValue());
            json.append(", \"output\": ");
            if (node.output() == null) {
                json.append("null");
            } else {
                node.output().appendJson(json);
            }
            JsonText.string(json.append(", \"error\": "), node.error());
            json.append(", \"startedAtEpochMs\": ").append(node.startedAt().toEpochMilli())
                    .append(", \"durationMs\": ").append(node.durationMs()).append('}');
        }
        return json.append(']').toString();
    }
}
