package io.strategos.e2e;

import io.strategos.localstack.Packaging;
import io.strategos.localstack.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/** The road with the services' packaged jars, as {@code ./strategos up} runs them. */
class StrategyToNotificationIT extends StrategyToNotificationRoad {

    @BeforeAll
    static void startOnTheJvm() throws Exception {
        start(Packaging.JVM, TestDatabases.name("strategos_e2e"));
    }
}
