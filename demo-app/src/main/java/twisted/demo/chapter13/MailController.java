package twisted.demo.chapter13;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.field.address.AddressFormatter;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import twisted.application.context.TwistedServices;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;
import twisted.demo.OwnService;
import twisted.demo.ReactorThread;
import twisted.internet.Reactor;
import twisted.mail.pop3.POP3Client;
import twisted.mail.pop3.POP3ClientOptions;
import twisted.mail.smtp.RecipientResult;
import twisted.mail.smtp.SMTPDeliveryError;
import twisted.mail.smtp.SMTPSender;
import twisted.mail.smtp.SentMessage;

/**
 * Chapter 13's clients behind HTTP. {@code POST /mail} composes a message (Apache mime4j) and sends
 * it with the {@link SMTPSender} through the demo's smtp service, which stores it in the Maildir;
 * the answer is the per-recipient result. {@code GET /mail/inbox} logs in to the demo's pop3 service
 * with the {@link POP3Client} as {@code demo.mail.user} and lists that mailbox's messages from their
 * headers ({@code TOP n 0}), deleting nothing. Both return Deferreds.
 *
 * <pre>
 * curl -H 'Content-Type: application/json' -d '{"subject":"Hello","text":"Sent by chapter 13"}' http://127.0.0.1:8080/mail
 * curl -u admin:change-me http://127.0.0.1:8080/mail/inbox
 * </pre>
 */
@RestController
@RequestMapping("/mail")
class MailController {

    private final Reactor reactor;

    private final SMTPSender sender;

    private final MailExamplesConfiguration.MailExamplesProperties properties;

    private final OwnService pop3;

    MailController(Reactor reactor, SMTPSender sender, MailExamplesConfiguration.MailExamplesProperties properties,
            ObjectProvider<TwistedServices> services) {
        this.reactor = reactor;
        this.sender = sender;
        this.properties = properties;
        this.pop3 = new OwnService(reactor, services, "pop3");
    }

    /**
     * A message to send.
     *
     * @param to its recipients; {@code demo.mail.to} when missing
     * @param subject its subject (any Unicode)
     * @param text its body (any Unicode)
     */
    record Letter(@Nullable List<String> to, String subject, String text) {
    }

    @PostMapping
    Deferred<Map<String, Object>> send(@RequestBody Letter letter) throws IOException, MimeException {
        List<String> to = (letter.to() != null && !letter.to().isEmpty()) ? letter.to() : this.properties.to();
        byte[] message = compose(this.properties.from(), to, letter.subject(), letter.text());
        return ReactorThread.onReactor(this.reactor,
                () -> this.sender.sendmail(this.properties.from(), to, message).thenApply(MailController::report));
    }

    @GetMapping("/inbox")
    Deferred<List<Map<String, Object>>> inbox() {
        POP3ClientOptions options = POP3ClientOptions.defaults().withAllowInsecureLogin(true); // loopback only
        return ReactorThread.onReactor(this.reactor, () -> POP3Client.connect(this.reactor, this.pop3, options)
                .thenCompose(client -> client.login(this.properties.user(), this.properties.password().toCharArray())
                        .thenCompose(loggedIn -> client.listUID())
                        .thenCompose(uids -> headers(client, uids))
                        .thenCompose(list -> client.quit().thenApply(bye -> list))));
    }

    /** Every message's headers, asked for at once (the client pipelines or queues them). */
    private static Deferred<List<Map<String, Object>>> headers(POP3Client client, SortedMap<Integer, String> uids) {
        List<Deferred<Map<String, Object>>> each = new ArrayList<>();
        uids.forEach((number, uid) -> each.add(client.top(number, 0).thenApply(header -> summary(number, uid, header))));
        return DeferredList.gatherResults(each).thenApply(List::copyOf);
    }

    private static Map<String, Object> summary(int number, String uid, byte[] header) throws IOException {
        Message parsed = parser().parseMessage(new ByteArrayInputStream(header));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("number", number);
        summary.put("uid", uid);
        summary.put("from", (parsed.getFrom() != null)
                ? parsed.getFrom().stream().map(mailbox -> AddressFormatter.DEFAULT.format(mailbox, false)).collect(Collectors.joining(", "))
                : null);
        summary.put("subject", parsed.getSubject());
        summary.put("date", (parsed.getDate() != null) ? parsed.getDate().toInstant().toString() : null);
        return summary;
    }

    private static Map<String, Object> report(SentMessage sent) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("accepted", sent.acceptedCount());
        report.put("recipients", sent.recipients().stream().map(MailController::recipient).toList());
        report.put("reply", sent.dataReply().toString());
        return report;
    }

    private static Map<String, Object> recipient(RecipientResult result) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("address", result.address().toString());
        recipient.put("code", result.code());
        recipient.put("text", result.text());
        return recipient;
    }

    /** Every recipient refused: 422 with what the server said of each. */
    @ExceptionHandler(SMTPDeliveryError.class)
    ResponseEntity<Map<String, Object>> refused(SMTPDeliveryError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", 0);
        body.put("recipients", error.recipients().stream().map(MailController::recipient).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    /** An address the message or SMTP cannot take: 400 with what is wrong. */
    @ExceptionHandler({ MimeException.class, IllegalArgumentException.class })
    ResponseEntity<Map<String, Object>> badAddress(Exception error) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(error.getMessage())));
    }

    /** A plain text message, UTF-8 in quoted-printable, with the headers a mail reader expects. */
    static byte[] compose(String from, List<String> to, String subject, String text) throws IOException, MimeException {
        Message message = Message.Builder.of()
                .setFrom(from)
                .setTo(to.toArray(String[]::new))
                .setSubject(subject)
                .setDate(new Date())
                .setMessageId("<" + UUID.randomUUID() + "@demo.local>")
                .setBody(text, StandardCharsets.UTF_8)
                .setContentTransferEncoding("quoted-printable")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultMessageWriter().writeMessage(message, out);
        return out.toByteArray();
    }

    private static DefaultMessageBuilder parser() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        return builder;
    }
}
