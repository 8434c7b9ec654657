package io.strategos.localstack.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.specification.ProxySpecification;

/**
 * With {@code -Dstrategos.test.http2=true}, sends every rest-assured request of a {@code @QuarkusTest}
 * through an {@link H2cForwardingProxy}, so the same REST tests run over HTTP/2 by prior knowledge.
 * A service's test tree enables it by listing this class in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}; its build
 * runs the REST tests a second time with the property set.
 */
public class RestAssuredOverHttp2 implements QuarkusTestBeforeEachCallback {

    public static final String PROPERTY = "strategos.test.http2";

    private static H2cForwardingProxy proxy;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (Boolean.getBoolean(PROPERTY)) {
            RestAssured.proxy = ProxySpecification.host("127.0.0.1").withPort(proxy().port());
        }
    }

    /** One for the whole test run; it goes with the JVM. */
    private static synchronized H2cForwardingProxy proxy() {
        if (proxy == null) {
            try {
                proxy = H2cForwardingProxy.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the HTTP/2 forwarding proxy", e);
            }
        }
        return proxy;
    }
}
