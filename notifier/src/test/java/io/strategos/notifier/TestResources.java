package io.strategos.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.KafkaTestResource;
import io.strategos.localstack.testing.PostgresTestResource;
import io.strategos.notifier.testing.GreenMailTestResource;

/** Real PostgreSQL, a real Kafka broker, a real SMTP server and test-only JWT keys for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier_test"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
