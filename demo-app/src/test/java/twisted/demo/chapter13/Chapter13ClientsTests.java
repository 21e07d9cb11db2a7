package twisted.demo.chapter13;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import twisted.internet.Reactor;
import twisted.internet.Threads;
import twisted.mail.imap.Envelope;
import twisted.mail.imap.IMAP4Client;
import twisted.mail.imap.IMAPClientOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 13 with the project's own clients, as the demo runs them: {@code POST /mail} sends with
 * the {@code SMTPSender} through the demo's smtp service into the Maildir, and {@code GET
 * /mail/inbox} reads the admin's mailbox with the {@code POP3Client} over the demo's pop3 service;
 * the {@code IMAP4Client} finds and reads the same message over the demo's imap service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.user.password=test-only")
@AutoConfigureWebTestClient
class Chapter13ClientsTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private Reactor reactor;

    @Value("${local.twisted.imap.port}")
    private int imapPort;

    @Test
    void aMessageSentWithOurSmtpClientIsListedByOurPop3Client() {
        String subject = "Grüße from chapter 13 " + UUID.randomUUID();
        Map<String, Object> sent = this.client.post().uri("/mail").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", List.of("admin@demo.local", "nobody@demo.local"), "subject", subject,
                        "text", "Sent by SMTPSender.\n.A line with a leading dot.\n"))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        assertThat(sent).containsEntry("accepted", 1);
        assertThat((List<?>) sent.get("recipients")).hasSize(2)
                .anySatisfy(recipient -> assertThat(recipient.toString()).contains("address=nobody@demo.local", "code=550"));

        this.client.get().uri("/mail/inbox").exchange().expectStatus().isUnauthorized();
        List<Map<String, Object>> inbox = this.client.get().uri("/mail/inbox")
                .headers(headers -> headers.setBasicAuth("admin", "test-only")).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult()
                .getResponseBody();
        assertThat(inbox).anySatisfy(message -> {
            assertThat(message).containsEntry("subject", subject).containsEntry("from", "demo@demo.local");
            assertThat((String) message.get("uid")).isNotBlank();
        });
    }

    @Test
    void everyRecipientRefusedIs422WithWhatTheServerSaid() {
        this.client.post().uri("/mail").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", List.of("someone@elsewhere.example"), "subject", "No relay", "text", "x"))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.accepted").isEqualTo(0)
                .jsonPath("$.recipients[0].address").isEqualTo("someone@elsewhere.example");
    }

    @Test
    void theSameMessageIsFoundAndReadOverImapWithOurImapClient() throws Exception {
        String subject = "Read over IMAP " + UUID.randomUUID();
        this.client.post().uri("/mail").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", subject, "text", "Chapter 13 over IMAP\n")).exchange().expectStatus().isOk();
        Map<String, Object> fetched = Threads.blockingCallFromThread(this.reactor,
                () -> IMAP4Client.connect(this.reactor, "tcp:host=127.0.0.1:port=" + this.imapPort,
                        IMAPClientOptions.defaults().withAllowInsecureLogin(true))
                        .thenCompose(imap -> imap.login("admin", "test-only".toCharArray())
                                .thenCompose(ok -> imap.select("INBOX"))
                                .thenCompose(inbox -> imap.search("SUBJECT \"" + subject + "\""))
                                .thenCompose(found -> {
                                    assertThat(found).hasSize(1);
                                    return imap.fetch(String.valueOf(found.get(0)), "(ENVELOPE FLAGS BODY[TEXT])");
                                })
                                .thenCompose(messages -> imap.logout().thenApply(bye -> messages.values().iterator().next()))),
                Duration.ofSeconds(20));
        assertThat(((Envelope) fetched.get("ENVELOPE")).subject()).isEqualTo(subject);
        assertThat(new String((byte[]) fetched.get("BODY[TEXT]"), StandardCharsets.UTF_8))
                .as("quoted-printable text, as sent").contains("Chapter 13 over IMAP");
    }
}
