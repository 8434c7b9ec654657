package io.strategos.executor;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.strategos.localstack.testing.KafkaTestResource;
import io.strategos.localstack.testing.PostgresTestResource;

/** Real PostgreSQL and a real Kafka broker for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "executor_test"))
@QuarkusTestResource(KafkaTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
