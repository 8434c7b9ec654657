package io.strategos.executor.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.executor.pipeline.NodeResult;
import io.strategos.executor.pipeline.NodeSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLogsTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T13:00:00.120Z");

    @Test
    void writesEachNodeInRunOrderInTheMigrationsFormat() throws Exception {
        List<NodeResult> nodes = List.of(
                new NodeResult(1, "markets", "polymarket-stream", NodeResult.Status.SUCCESS, new NodeSummary(0, 2, List.of("m1", "m2")),
                        null, STARTED, STARTED.plusMillis(7)),
                new NodeResult(2, "odd \"id\"", "filter", NodeResult.Status.ERROR, null, "boom\nat line 2",
                        STARTED.plusMillis(7), STARTED.plusMillis(9)),
                new NodeResult(3, "trade", "paper-trade", NodeResult.Status.SKIPPED, null, null, STARTED.plusMillis(9),
                        STARTED.plusMillis(9)));

        JsonNode logs = new ObjectMapper().readTree(NodeLogs.json(nodes));

        assertThat(logs).hasSize(3);
        assertThat(logs.get(0).toString()).isEqualTo("""
                {"seq":1,"nodeId":"markets","nodeType":"polymarket-stream","status":"success",\
                "output":{"inputCount":0,"outputCount":2,"marketIds":["m1","m2"]},"error":null,\
                "startedAtEpochMs":%d,"durationMs":7}""".formatted(STARTED.toEpochMilli()));
        assertThat(logs.get(1).get("nodeId").asText()).isEqualTo("odd \"id\"");
        assertThat(logs.get(1).get("error").asText()).isEqualTo("boom\nat line 2");
        assertThat(logs.get(1).get("output").isNull()).isTrue();
        assertThat(logs.get(2).get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void aRunWithoutNodesHasAnEmptyList() {
        assertThat(NodeLogs.json(List.of())).isEqualTo("[]");
    }
}
