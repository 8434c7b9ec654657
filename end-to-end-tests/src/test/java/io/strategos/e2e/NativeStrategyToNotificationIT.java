package io.strategos.e2e;

import io.strategos.localstack.LocalStack;
import io.strategos.localstack.Packaging;
import io.strategos.localstack.testing.TestDatabases;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The same road with the three native executables the local stack starts for {@code ./strategos up --native},
 * as the Kubernetes images run them. It runs only where they have been built
 * ({@code ./mvnw package -Dnative -pl <service> -am}, deploy/README.md), so CI, which stays on the JVM,
 * skips it; executables left from an older build are tested as they are, so rebuild them first.
 */
@EnabledIf("nativeExecutablesBuilt")
class NativeStrategyToNotificationIT extends StrategyToNotificationRoad {

    @BeforeAll
    static void startTheNativeExecutables() throws Exception {
        start(Packaging.NATIVE, TestDatabases.name("strategos_e2e_native"));
    }

    static boolean nativeExecutablesBuilt() {
        try {
            for (String service : LocalStack.SERVICES) {
                Packaging.NATIVE.artifact(EndToEndStack.repository(), service);
            }
            return true;
        } catch (IOException notBuilt) {
            return false;
        }
    }
}
