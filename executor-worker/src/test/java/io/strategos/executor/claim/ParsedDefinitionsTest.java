package io.strategos.executor.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.IntervalSchedule;
import org.junit.jupiter.api.Test;

class ParsedDefinitionsTest {

    private static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 5}}], "edges": []}""";

    private final ParsedDefinitions definitions = new ParsedDefinitions(new ObjectMapper().registerModule(new JavaTimeModule()), 10);

    @Test
    void aDefinitionIsParsedOnceAndSharedByEveryRunOfIt() throws JsonProcessingException {
        StrategyGraph first = definitions.graph(GRAPH);

        assertThat(first.nodes()).singleElement().satisfies(node -> assertThat(node.id()).isEqualTo("markets"));
        assertThat(definitions.graph(new String(GRAPH))).isSameAs(first);
    }

    @Test
    void anEditedDefinitionIsANewEntryNotAStaleOne() throws JsonProcessingException {
        StrategyGraph before = definitions.graph(GRAPH);
        StrategyGraph after = definitions.graph(GRAPH.replace("\"limit\": 5", "\"limit\": 7"));

        assertThat(after).isNotSameAs(before);
        assertThat(after.nodes().getFirst().config().path("limit").asInt()).isEqualTo(7);
    }

    @Test
    void schedulesAndConditionsAreParsedToo() throws JsonProcessingException {
        assertThat(definitions.schedule("{\"type\": \"interval\", \"everySeconds\": 30}")).isInstanceOf(IntervalSchedule.class);
        assertThat(definitions.condition(null)).isNull();
        assertThat(definitions.condition("{\"field\": \"price\", \"operator\": \"gt\", \"value\": 0.5}").path("field").asText())
                .isEqualTo("price");
    }

    @Test
    void unreadableTextIsTheParserErrorAndIsNotCached() {
        assertThatThrownBy(() -> definitions.graph("{\"nodes\": [")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> definitions.graph("{\"nodes\": [")).isInstanceOf(JsonProcessingException.class);
    }
}
