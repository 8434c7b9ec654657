package io.strategos.notifier.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RefusedDataTest {

    private static PgException state(String sqlState) {
        return new PgException("refused", "ERROR", sqlState, null);
    }

    @Test
    void whatTheDataCausesIsRefusedData() {
        assertThat(StrategyEventConsumer.refusedData(state("22021"))).as("bad encoding").isTrue();
        assertThat(StrategyEventConsumer.refusedData(state("23514"))).as("check constraint").isTrue();
        assertThat(StrategyEventConsumer.refusedData(state("54000"))).as("index row too large").isTrue();
        assertThat(StrategyEventConsumer.refusedData(new CompletionException(state("22001")))).as("wrapped").isTrue();
    }

    @Test
    void whatARetryCanChangeIsNot() {
        assertThat(StrategyEventConsumer.refusedData(state("23505"))).as("another replica applied it meanwhile").isFalse();
        assertThat(StrategyEventConsumer.refusedData(state("40001"))).as("serialization failure").isFalse();
        assertThat(StrategyEventConsumer.refusedData(state("57P01"))).as("server shutting down").isFalse();
        assertThat(StrategyEventConsumer.refusedData(new IOException("connection reset"))).isFalse();
    }
}
