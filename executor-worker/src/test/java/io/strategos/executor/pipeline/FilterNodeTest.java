package io.strategos.executor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.pipeline.nodes.FilterNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Market CHEAP_POLITICS = new Market("m1", "Will the incumbent win?", "politics", 0.2, 10_000, 50_000, 0.01,
            Instant.parse("2026-12-01T00:00:00Z"));
    private static final Market PRICEY_CRYPTO = new Market("m2", "Will Bitcoin reach 200k?", "crypto", 0.8, 1_000, 5_000, -0.02,
            Instant.parse("2027-06-01T00:00:00Z"));
    private static final List<Market> BOTH = List.of(CHEAP_POLITICS, PRICEY_CRYPTO);

    private final FilterNode filter = new FilterNode();

    private List<String> keep(String config) throws Exception {
        return filter.execute((ObjectNode) JSON.readTree(config), BOTH, null).stream().map(Market::id).toList();
    }

    @Test
    void comparesNumbers() throws Exception {
        assertThat(keep("{\"conditions\": [{\"field\": \"price\", \"operator\": \"lt\", \"value\": 0.5}]}")).containsExactly("m1");
        assertThat(keep("{\"conditions\": [{\"field\": \"volume24h\", \"operator\": \"gte\", \"value\": 1000}]}")).containsExactly("m1", "m2");
        assertThat(keep("{\"conditions\": [{\"field\": \"momentum\", \"operator\": \"between\", \"value\": [-0.05, 0]}]}")).containsExactly("m2");
    }

    @Test
    void comparesTextAndDates() throws Exception {
        assertThat(keep("{\"conditions\": [{\"field\": \"category\", \"operator\": \"in\", \"value\": [\"crypto\", \"sports\"]}]}")).containsExactly("m2");
        assertThat(keep("{\"conditions\": [{\"field\": \"question\", \"operator\": \"contains\", \"value\": \"INCUMBENT\"}]}")).containsExactly("m1");
        assertThat(keep("{\"conditions\": [{\"field\": \"category\", \"operator\": \"neq\", \"value\": \"politics\"}]}")).containsExactly("m2");
        assertThat(keep("{\"conditions\": [{\"field\": \"endDate\", \"operator\": \"lt\", \"value\": \"2027-01-01T00:00:00Z\"}]}")).containsExactly("m1");
    }

    @Test
    void combinesWithAllOrAny() throws Exception {
        String conditions = "[{\"field\": \"price\", \"operator\": \"lt\", \"value\": 0.5}, {\"field\": \"category\", \"operator\": \"eq\", \"value\": \"crypto\"}]";
        assertThat(keep("{\"match\": \"all\", \"conditions\": " + conditions + "}")).isEmpty();
        assertThat(keep("{\"match\": \"any\", \"conditions\": " + conditions + "}")).containsExactly("m1", "m2");
        assertThat(keep("{}")).containsExactly("m1", "m2");
    }

    @Test
    void rejectsUnknownFieldsAndOperators() {
        assertThatThrownBy(() -> keep("{\"conditions\": [{\"field\": \"colour\", \"operator\": \"eq\", \"value\": 1}]}"))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> keep("{\"conditions\": [{\"field\": \"price\", \"operator\": \"approx\", \"value\": 1}]}"))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("approx");
    }
}
