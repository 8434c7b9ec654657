package io.strategos.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.PostgresTestResource;

/** Real PostgreSQL and test-only JWT keys for every test of this module. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "strategy_api_test"))
@QuarkusTestResource(JwtTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
