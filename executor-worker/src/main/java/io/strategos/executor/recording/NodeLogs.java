package io.strategos.executor.recording;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.strategos.executor.pipeline.NodeResult;
import java.util.List;

/**
 * A run's node logs as the JSON text of {@code executions.node_logs} (format in the V22 migration).
 * Written directly, as {@link io.strategos.executor.pipeline.NodeSummary} writes a node's output: it is
 * built for every run, and a Jackson tree for it cost more than the rest of the recording.
 */
final class NodeLogs {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private NodeLogs() {
    }

    static String json(List<NodeResult> nodes) {
        StringBuilder text = new StringBuilder(nodes.size() * 512).append('[');
        for (int i = 0; i < nodes.size(); i++) {
            NodeResult node = nodes.get(i);
            if (i > 0) {
                text.append(", ");
            }
            text.append("{\"seq\": ").append(node.seq());
            string(text.append(", \"nodeId\": "), node.nodeId());
            string(text.append(", \"nodeType\": "), node.nodeType());
            string(text.append(", \"status\": "), node.status().dbValue());
            text.append(", \"output\": ").append(node.output() == null ? "null" : node.output().toJson());
            string(text.append(", \"error\": "), node.error());
            text.append(", \"startedAt\": \"").append(node.startedAt())
                    .append("\", \"completedAt\": \"").append(node.completedAt())
                    .append("\", \"durationMs\": ").append(node.durationMs()).append('}');
        }
        return text.append(']').toString();
    }

    private static void string(StringBuilder text, String value) {
        if (value == null) {
            text.append("null");
            return;
        }
        text.append('"');
        ENCODER.quoteAsString(value, text);
        text.append('"');
    }
}
