package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded Gamma responses, quirks included (see shared/reference/polymarket-gamma-api.md). */
class GammaMarketParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Market> parseFixture() throws Exception {
        try (InputStream in = GammaMarketParserTest.class.getResourceAsStream("/gamma/markets.json")) {
            JsonNode markets = JSON.readTree(in);
            GammaMarketParser parser = new GammaMarketParser(JSON);
            List<Market> parsed = new ArrayList<>();
            markets.forEach(m -> parser.parse(m).ifPresent(parsed::add));
            return parsed;
        }
    }

    @Test
    void readsStringEncodedAndRealArraysAndSkipsUnreadablePrices() throws Exception {
        assertThat(parseFixture()).extracting(Market::id).containsExactly("501", "502", "504");
    }

    @Test
    void readsNumbersSentAsStringsAndNumericIds() throws Exception {
        Market fed = parseFixture().get(0);
        assertThat(fed.price()).isEqualTo(0.62);
        assertThat(fed.volume24h()).isEqualTo(182000.5);
        assertThat(fed.liquidity()).isEqualTo(95000);
        assertThat(fed.category()).isEqualTo("economics");
        assertThat(fed.momentum()).isEqualTo(0.03);
        assertThat(fed.endDate()).isEqualTo(Instant.parse("2026-12-18T00:00:00Z"));

        Market bitcoin = parseFixture().get(1);
        assertThat(bitcoin.id()).isEqualTo("502");
        assertThat(bitcoin.price()).isEqualTo(0.21);
        assertThat(bitcoin.volume24h()).isEqualTo(54000);
        assertThat(bitcoin.liquidity()).isEqualTo(10000);
    }

    @Test
    void toleratesABadDate() throws Exception {
        Market incumbent = parseFixture().get(2);
        assertThat(incumbent.price()).isEqualTo(0.0015);
        assertThat(incumbent.endDate()).isNull();
    }
}
