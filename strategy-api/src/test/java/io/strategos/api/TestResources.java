package io.strategos.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.strategos.localstack.testing.JwtTestResource;
import io.strategos.localstack.testing.PostgresTestResource;

/**
 * Real PostgreSQL and test-only JWT keys for every test of this module. The service connects as
 * strategos_api and migrates as the owner, as in production, so every test runs under row-level security.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "strategy_api_test"),
        @ResourceArg(name = "api-role", value = "true")})
@QuarkusTestResource(JwtTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
