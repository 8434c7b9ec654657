package io.strategos.executor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSummaryTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String text(NodeSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.appendJson(text);
        return text.toString();
    }

    @Test
    void writesTheSameJsonAsItsTree() throws Exception {
        NodeSummary summary = new NodeSummary(20, 2, List.of("516710", "sim-7"));

        assertThat(text(summary)).isEqualTo("{\"inputCount\": 20, \"outputCount\": 2, \"marketIds\": [\"516710\", \"sim-7\"]}");
        assertThat(json.readTree(text(summary))).isEqualTo(summary.toTree());
    }

    @Test
    void escapesMarketIdsThatAreNotPlainText() throws Exception {
        NodeSummary summary = new NodeSummary(1, 1, List.of("a\"b\\c\n\u0001é"));

        assertThat(json.readTree(text(summary)).get("marketIds").get(0).asText()).isEqualTo("a\"b\\c\n\u0001é");
    }

    @Test
    void anEmptyOutputHasAnEmptyList() throws Exception {
        assertThat(json.readTree(text(new NodeSummary(3, 0, List.of())))).isEqualTo(json.readTree(
                "{\"inputCount\": 3, \"outputCount\": 0, \"marketIds\": []}"));
    }
}
