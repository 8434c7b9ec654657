package io.strategos.notifier.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server on loopback for the mailer, with IMAP beside it so that tests read what arrived
 * as a mail client would ({@link Mailbox}): Quarkus loads test resources and tests in different class
 * loaders, so the two cannot share the server object.
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String IMAP_PORT_PROPERTY = "strategos.test.imap-port";

    private GreenMail server;

    @Override
    public Map<String, String> start() {
        server = new GreenMail(new ServerSetup[] {
                new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        // Any login reads the mailbox of that address, created when its first email arrives.
        server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.mock", "false",
                IMAP_PORT_PROPERTY, Integer.toString(server.getImap().getPort()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
