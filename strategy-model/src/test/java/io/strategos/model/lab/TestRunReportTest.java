package io.strategos.model.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestRunReportTest {

    private static TestRunReport report(int orders, String error) {
        List<TestRunReport.Order> fills = IntStream.range(0, orders).mapToObj(i -> new TestRunReport.Order("m" + i, "Q?", "yes", "buy",
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE.negate(), null, "entry")).toList();
        return new TestRunReport("failed", error, Instant.EPOCH, 3, List.of(new TestRunReport.Node(0, "n", "filter", "error", null, error, 1)),
                fills, List.of(new TestRunReport.Event("custom", error)), List.of(), null, false);
    }

    @Test
    void listsAreCutToTheLimitAndSaySo() {
        TestRunReport cut = report(5, "x").limitedTo(3, 100);
        assertThat(cut.orders()).extracting(TestRunReport.Order::marketId).containsExactly("m0", "m1", "m2");
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void textsAreCutToTheLimit() {
        TestRunReport cut = report(1, "a".repeat(50)).limitedTo(10, 10);
        assertThat(cut.error()).isEqualTo("a".repeat(10) + "…");
        assertThat(cut.nodes().getFirst().error()).hasSize(11);
        assertThat(cut.events().getFirst().message()).hasSize(11);
        assertThat(cut.truncated()).as("texts cut do not mark the lists truncated").isFalse();
    }

    @Test
    void aReportWithinTheLimitsIsUnchanged() {
        TestRunReport report = report(2, "short");
        assertThat(report.limitedTo(10, 100)).isEqualTo(report);
    }

    @Test
    void aJsonNullTriggerConditionIsNone() {
        var nullNode = com.fasterxml.jackson.databind.node.NullNode.getInstance();
        assertThat(new TestRunRequest("o", null, 0, null, null, null, null, nullNode).triggerCondition()).isNull();
    }
}
