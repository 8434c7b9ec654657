package io.strategos.notifier.testing;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads an address's inbox on the test SMTP server over IMAP. */
public final class Mailbox {

    private Mailbox() {
    }

    /** Every email the address received, oldest first; empty when it has received none. */
    public static List<ReceivedEmail> of(int imapPort, String address) {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return List.of();
            }
            inbox.open(Folder.READ_ONLY);
            try {
                List<ReceivedEmail> received = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    received.add(new ReceivedEmail(message.getSubject(), message.getContent().toString().replace("\r\n", "\n")));
                }
                return received;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            // Before its first email arrives an address has no mailbox to log in to.
            return List.of();
        }
    }

    public record ReceivedEmail(String subject, String body) {
    }
}
