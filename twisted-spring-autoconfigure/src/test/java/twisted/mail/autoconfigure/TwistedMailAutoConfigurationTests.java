package twisted.mail.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.TwistedServices;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.mail.MailStore;
import twisted.mail.smtp.SMTPClientOptions;
import twisted.mail.smtp.SMTPSender;
import twisted.mail.smtp.SentMessage;
import twisted.mail.tap.POP3ServiceMaker;
import twisted.mail.tap.SMTPServiceMaker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail services from properties alone, as chapter 13 runs them: Jakarta Mail (Angus) sends a
 * message over our SMTP server into the Maildir, then reads and deletes it over our POP3 server,
 * logged in as one of Spring Security's users; Actuator's details count it.
 */
class TwistedMailAutoConfigurationTests {

    @TempDir
    Path maildir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                        TwistedCredAutoConfiguration.class, TwistedMailAutoConfiguration.class,
                        TwistedServicesAutoConfiguration.class))
                .withPropertyValues("twisted.mail.maildir=" + this.maildir, "twisted.mail.domains=example.test",
                        "twisted.mail.hostname=mail.example.test", "twisted.cred.users.alice.password=secret");
    }

    private static int port(ApplicationContext context, String service) {
        return context.getEnvironment().getProperty("local.twisted." + service + ".port", Integer.class);
    }

    @Test
    void theMakersAreBeansAndNothingRunsOrTouchesTheDiskUnlessSwitchedOn() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(SMTPServiceMaker.class).hasSingleBean(POP3ServiceMaker.class);
            assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty();
            assertThat(Files.list(this.maildir)).isEmpty();
        });
    }

    @Test
    void aMessageSentOverSmtpIsReadAndDeletedOverPop3() {
        runner().withPropertyValues("twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0",
                "twisted.services.pop3.enabled=true", "twisted.services.pop3.endpoint=tcp:0").run(context -> {
                    Session session = JakartaMail.session("smtp", port(context, "smtp"), Duration.ofSeconds(5));
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(new InternetAddress("bob@elsewhere.test"));
                    message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.test"));
                    message.setSubject("Chapter 13");
                    message.setText("Sent over SMTP, read over POP3.\n", "UTF-8");
                    Transport.send(message);

                    Map<String, Object> details = context.getBean(TwistedServices.class).get("smtp").orElseThrow()
                            .service().getMonitor().details();
                    assertThat(details).containsEntry("messagesDelivered", 1L).containsEntry("recipientsAccepted", 1L);
                    assertThat(details.get("store").toString()).contains("messages=1");
                    assertThat(context.getBean(MailStore.class).exists("alice")).isTrue();

                    Store store = JakartaMail.connect("pop3", port(context, "pop3"), Duration.ofSeconds(5));
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_WRITE);
                    Message[] messages = inbox.getMessages();
                    assertThat(messages).hasSize(1);
                    assertThat(messages[0].getSubject()).isEqualTo("Chapter 13");
                    assertThat(new String(messages[0].getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("Sent over SMTP, read over POP3.\r\n");
                    messages[0].setFlag(jakarta.mail.Flags.Flag.DELETED, true);
                    inbox.close(true);
                    store.close();
                    assertThat(context.getBean(TwistedServices.class).get("pop3").orElseThrow().service().getMonitor()
                            .details().get("store").toString()).contains("messages=0");
                });
    }

    @Test
    void theSmarthostPropertiesMakeASenderThatSendsThroughIt() {
        runner().withPropertyValues("twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0")
                .run(relay -> runner()
                        .withPropertyValues("twisted.mail.smarthost.endpoint=tcp:host=127.0.0.1:port=" + port(relay, "smtp"),
                                "twisted.mail.smarthost.tls=if-offered", "twisted.mail.smarthost.timeout=20s")
                        .run(context -> {
                            SMTPSender sender = context.getBean(SMTPSender.class);
                            byte[] message = "Subject: smarthost\r\n\r\n.a dot to stuff\r\n".getBytes(StandardCharsets.UTF_8);
                            SentMessage sent = sender.sendmailFuture("app@example.test",
                                    List.of("alice@example.test", "nobody@example.test"), message).get(10, TimeUnit.SECONDS);
                            assertThat(sent.acceptedCount()).isEqualTo(1);
                            assertThat(sent.refused()).extracting(r -> r.address().toString())
                                    .containsExactly("nobody@example.test");
                            assertThat(relay.getBean(TwistedServices.class).get("smtp").orElseThrow().service()
                                    .getMonitor().details()).containsEntry("messagesDelivered", 1L);
                            try (var files = Files.list(this.maildir.resolve("alice/new"))) {
                                assertThat(files.toList()).singleElement().satisfies(file -> assertThat(
                                        Files.readString(file)).endsWith("Subject: smarthost\r\n\r\n.a dot to stuff\r\n"));
                            }
                        }));
    }

    @Test
    void withoutAnEndpointThereIsNoSenderAndTheSmarthostPasswordIsNeverShown() {
        runner().run(context -> assertThat(context).doesNotHaveBean(SMTPSender.class));
        runner().withPropertyValues("twisted.mail.smarthost.endpoint=tcp:host=127.0.0.1:port=1",
                "twisted.mail.smarthost.username=app", "twisted.mail.smarthost.password=hunter2-secret",
                "twisted.mail.smarthost.tls=require").run(context -> {
                    assertThat(context).hasSingleBean(SMTPSender.class);
                    MailProperties properties = context.getBean(MailProperties.class);
                    assertThat(properties.smarthost().tls()).isEqualTo(SMTPClientOptions.TlsMode.REQUIRE);
                    assertThat(properties.toString()).contains("app").doesNotContain("hunter2-secret");
                    assertThat(context.getBean(SMTPSender.class).toString()).doesNotContain("hunter2-secret");
                });
        runner().withPropertyValues("twisted.mail.smarthost.endpoint=tcp:host=127.0.0.1:port=1",
                "twisted.mail.smarthost.username=app").run(context -> assertThat(context).hasFailed()
                        .getFailure().hasRootCauseMessage("twisted.mail.smarthost.username is set but not its password"));
    }

    @Test
    void stoppingTheApplicationTellsAnSmtpClientMidTransaction421() {
        runner().withPropertyValues("twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0")
                .run(context -> {
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port(context, "smtp"))) {
                        socket.setSoTimeout(10_000);
                        java.io.BufferedReader in = new java.io.BufferedReader(
                                new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                        assertThat(in.readLine()).startsWith("220 ");
                        socket.getOutputStream().write("HELO client.test\r\nMAIL FROM:<a@b.test>\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        assertThat(in.readLine()).startsWith("250 ");
                        assertThat(in.readLine()).startsWith("250 ");
                        context.close();
                        assertThat(in.readLine()).as("no enhanced code after HELO")
                                .isEqualTo("421 mail.example.test Service shutting down, closing channel");
                        assertThat(in.readLine()).as("then the connection is closed").isNull();
                    }
                });
    }

    @Test
    void aMessageSentOverSmtpIsSearchedFlaggedAndMovedOverImapByJakartaMail() {
        runner().withPropertyValues("twisted.services.smtp.enabled=true", "twisted.services.smtp.endpoint=tcp:0",
                "twisted.services.imap.enabled=true", "twisted.services.imap.endpoint=tcp:0",
                "twisted.services.imap.options.allow-login-without-tls=true").run(context -> {
                    Session sending = JakartaMail.session("smtp", port(context, "smtp"));
                    for (String subject : List.of("Chapter 13 over IMAP", "Another one")) {
                        MimeMessage message = new MimeMessage(sending);
                        message.setFrom(new InternetAddress("bob@elsewhere.test", "Bob Example"));
                        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.test"));
                        message.setSubject(subject, "UTF-8");
                        message.setText("Read over IMAP.\n", "UTF-8");
                        Transport.send(message);
                    }

                    Store store = JakartaMail.connect("imap", port(context, "imap"), Duration.ofSeconds(5));
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_WRITE);
                    assertThat(inbox.getMessageCount()).isEqualTo(2);
                    assertThat(context.getBean(TwistedServices.class).get("imap").orElseThrow().service().getMonitor()
                            .details()).containsEntry("users", 1).hasEntrySatisfying("sessions",
                                    sessions -> assertThat((Integer) sessions).isPositive());
                    Message[] found = inbox.search(new jakarta.mail.search.SubjectTerm("over IMAP"));
                    assertThat(found).hasSize(1);
                    Message first = found[0];
                    assertThat(first.getSubject()).isEqualTo("Chapter 13 over IMAP");
                    assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Bob Example");
                    assertThat(first.getContentType()).startsWithIgnoringCase("text/plain");
                    assertThat(first.isSet(jakarta.mail.Flags.Flag.SEEN)).isFalse();
                    assertThat((String) first.getContent()).isEqualTo("Read over IMAP.\r\n");
                    assertThat(first.isSet(jakarta.mail.Flags.Flag.SEEN)).as("reading the body set \\Seen").isTrue();
                    first.setFlag(jakarta.mail.Flags.Flag.FLAGGED, true);

                    Folder archive = store.getFolder("Archive");
                    assertThat(archive.create(Folder.HOLDS_MESSAGES)).isTrue();
                    ((org.eclipse.angus.mail.imap.IMAPFolder) inbox).moveMessages(new Message[] { first }, archive);
                    assertThat(first.isExpunged()).as("MOVE's EXPUNGE reached the client").isTrue();
                    assertThat(store.getFolder("INBOX").getMessageCount()).as("STATUS").isEqualTo(1);
                    archive.open(Folder.READ_ONLY);
                    assertThat(archive.getMessageCount()).isEqualTo(1);
                    Message moved = archive.getMessage(1);
                    assertThat(moved.isSet(jakarta.mail.Flags.Flag.FLAGGED)).isTrue();
                    assertThat(moved.getSubject()).isEqualTo("Chapter 13 over IMAP");
                    assertThat(store.getDefaultFolder().list()).extracting(Folder::getName)
                            .contains("INBOX", "Archive");

                    // IDLE: a message delivered over SMTP while the folder idles wakes it
                    JakartaMail.Idle idle = JakartaMail.idle(inbox);
                    Transport.send(JakartaMail.message(sending, "While idling", "Wake up.\n"));
                    assertThat(idle.added(Duration.ofSeconds(10))).as("one message added while idling").isEqualTo(1);
                    archive.close(false);
                    inbox.close(false);
                    store.close();
                });
    }
}
