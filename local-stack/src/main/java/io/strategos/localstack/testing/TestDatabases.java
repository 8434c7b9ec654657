package io.strategos.localstack.testing;

import java.nio.file.Path;

/**
 * Names of test databases. Each checkout gets its own (a suffix derived from its folder), so two
 * builds of different checkouts on one machine never drop each other's database mid-test.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String name(String base) {
        // Tests run in their module's folder, so its parent is the checkout.
        String checkout = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().getParent().toString();
        return base + "_" + Integer.toHexString(checkout.hashCode() & 0xfffff);
    }
}
