package twisted.mail.smtp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.endpoints.ClientEndpoint;
import twisted.internet.endpoints.Endpoints;

/**
 * Sends mail through one SMTP server, the smarthost (a relay or a submission server): each
 * {@link #sendmail} opens a connection to it, runs one {@link ESMTPClient} session and closes.
 * There is no MX look-up: every message goes to the configured server, whatever the recipients'
 * domains; that server relays it on.
 *
 * <pre>{@code
 * SMTPSender sender = new SMTPSender(reactor, "tcp:host=smtp.example.com:port=587",
 *         SMTPClientOptions.defaults().withTls(TlsMode.REQUIRE).withCredentials("app", password));
 * sender.sendmail("app@example.com", List.of("ops@example.org"), message)
 *         .addCallback(sent -> log.info("sent to {} of {}", sent.acceptedCount(), sent.recipients().size()));
 * }</pre>
 *
 * <p>The endpoint is a client description for {@link Endpoints#clientFromString}: {@code tcp:HOST:PORT}
 * (or {@code tcp:host=HOST:port=PORT}) for a server that offers {@code STARTTLS} (ports 25 and 587),
 * {@code tls:HOST:PORT[:trustRoots=PEM]} for one that talks TLS from the start (port 465). The
 * certificate seen after {@code STARTTLS} is checked against the endpoint's host unless
 * {@link SMTPClientOptions#tlsHostname()} says otherwise.
 *
 * <h2>Threads</h2>
 * One sender is immutable and may be shared and called from any thread: the work hops to the reactor
 * thread, and the returned Deferred fires there. Add callbacks to it on the reactor thread; from
 * another thread, call {@link #sendmailFuture} instead, whose future may be used anywhere.
 *
 * <p>Twisted: {@code twisted.mail.smtp.sendmail} and {@code ESMTPSenderFactory}.
 *
 * @since 0.1.0
 */
public final class SMTPSender {

    private final Reactor reactor;

    private final ClientEndpoint endpoint;

    private final String description;

    private final @Nullable String host;

    private final SMTPClientOptions options;

    /**
     * A sender to one server.
     *
     * @param reactor the reactor to connect with
     * @param clientEndpointDescription the server, such as {@code tcp:host=smtp.example.com:port=587}
     * @param options TLS, credentials, timeouts
     * @throws twisted.internet.endpoints.EndpointSyntaxException when the description is wrong
     */
    public SMTPSender(Reactor reactor, String clientEndpointDescription, SMTPClientOptions options) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.description = Objects.requireNonNull(clientEndpointDescription, "clientEndpointDescription");
        this.endpoint = Endpoints.clientFromString(reactor, clientEndpointDescription);
        this.options = Objects.requireNonNull(options, "options");
        this.host = hostOf(clientEndpointDescription);
    }

    /**
     * A sender to a server reached through an endpoint made elsewhere (a {@code HostnameEndpoint}
     * of your own, one of the application's own services). Its certificate is checked against
     * {@link SMTPClientOptions#tlsHostname()}: with no name there, {@code STARTTLS} fails the send
     * ({@link TLSRequiredError}) rather than go unverified.
     *
     * @param reactor the reactor to connect with
     * @param endpoint where the server is
     * @param options TLS, credentials, timeouts
     */
    public SMTPSender(Reactor reactor, ClientEndpoint endpoint, SMTPClientOptions options) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.description = endpoint.toString();
        this.options = Objects.requireNonNull(options, "options");
        this.host = null;
    }

    /**
     * Sends a message with the default options ({@code STARTTLS} when offered, verified; no login).
     * Twisted: {@code smtp.sendmail(smtphost, from_addr, to_addrs, msg)}.
     *
     * @param reactor the reactor
     * @param endpoint the server, such as {@code tcp:localhost:25}
     * @param from the sender
     * @param to the recipients
     * @param message the message: header, blank line, body
     * @return as {@link #sendmail(String, Collection, byte[])}
     */
    public static Deferred<SentMessage> sendmail(Reactor reactor, String endpoint, String from, Collection<String> to,
            byte[] message) {
        return new SMTPSender(reactor, endpoint, SMTPClientOptions.defaults()).sendmail(from, to, message);
    }

    /**
     * Sends one message over a new connection.
     *
     * @param from the sender ({@code ""} for the null path {@code <>})
     * @param recipients at least one recipient
     * @param message the message: header, blank line, body; copied, any line ends
     * @return fires on the reactor thread with the {@link SentMessage} once the server accepted the
     *         message, or fails with an {@link SMTPClientError} ({@link SMTPConnectError} when the
     *         connection could not be made)
     * @throws IllegalArgumentException when an address is not valid or there is no recipient
     */
    public Deferred<SentMessage> sendmail(String from, Collection<String> recipients, byte[] message) {
        MessageSource source = MessageSource.of(Objects.requireNonNull(message, "message"));
        return start(ESMTPClient.parseSender(from), ESMTPClient.parseRecipients(recipients),
                () -> Deferred.succeed(source));
    }

    /**
     * Sends a message read from a file, streamed: it is read once off the reactor thread for its
     * size and whether it has 8-bit bytes, then again in chunks while it is sent, only as fast as
     * the server takes it. The file must not change meanwhile.
     *
     * @param from the sender
     * @param recipients at least one recipient
     * @param message the file: header, blank line, body; any line ends
     * @return as {@link #sendmail(String, Collection, byte[])}; a file that cannot be read fails it
     *         with an {@link SMTPClientError}
     */
    public Deferred<SentMessage> sendmail(String from, Collection<String> recipients, Path message) {
        Objects.requireNonNull(message, "message");
        return start(ESMTPClient.parseSender(from), ESMTPClient.parseRecipients(recipients),
                () -> this.reactor.deferToThread(() -> MessageSource.scan(message)));
    }

    /**
     * {@link #sendmail(String, Collection, byte[])} for callers off the reactor thread.
     *
     * @param from the sender
     * @param recipients at least one recipient
     * @param message the message
     * @return completes with the {@link SentMessage} or an {@link SMTPClientError}, on the reactor thread
     */
    public CompletableFuture<SentMessage> sendmailFuture(String from, Collection<String> recipients, byte[] message) {
        MessageSource source = MessageSource.of(Objects.requireNonNull(message, "message"));
        CompletableFuture<SentMessage> future = new CompletableFuture<>();
        Address sender = ESMTPClient.parseSender(from);
        List<Address> to = ESMTPClient.parseRecipients(recipients);
        onReactor(() -> run(sender, to, () -> Deferred.succeed(source)).addCallbacks(sent -> {
            future.complete((SentMessage) sent);
            return null;
        }, failure -> {
            future.completeExceptionally(failure.value());
            return null;
        }));
        return future;
    }

    private Deferred<SentMessage> start(Address from, List<Address> to, Supplier<Deferred<MessageSource>> source) {
        Deferred<SentMessage> result = new Deferred<>();
        onReactor(() -> run(from, to, source).chainDeferred(result));
        return result;
    }

    private void onReactor(Runnable work) {
        if (this.reactor.isReactorThread()) {
            work.run();
        }
        else {
            this.reactor.callFromThread(work);
        }
    }

    private Deferred<SentMessage> run(Address from, List<Address> to, Supplier<Deferred<MessageSource>> source) {
        return source.get()
                .recoverWith(f -> Deferred.fail(new SMTPClientError("the message could not be read: " + f.value(),
                        f.value())))
                .thenCompose(message -> {
                    ESMTPClient client = new ESMTPClient(this.options, this.reactor, this.host, from, to, message);
                    Deferred<Protocol> connected = Endpoints.connectProtocol(this.endpoint, client);
                    connected.addTimeout(this.options.connectTimeout(), this.reactor);
                    return connected.recoverWith(this::connectFailed).thenCompose(p -> client.deferred());
                });
    }

    private Deferred<Protocol> connectFailed(Failure failure) {
        Throwable cause = failure.value();
        return Deferred.fail(new SMTPConnectError(SMTPClientError.NO_CODE, null,
                "could not connect to " + this.description + ": " + cause, cause));
    }

    /** The host of a {@code tcp:}, {@code tls:} or {@code ssl:} description; {@code null} for others. */
    static @Nullable String hostOf(String description) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\' && i + 1 < description.length()) {
                part.append(description.charAt(++i));
            }
            else if (c == ':') {
                parts.add(part.toString());
                part.setLength(0);
            }
            else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        if (!List.of("tcp", "tls", "ssl").contains(parts.get(0))) {
            return null;
        }
        String positional = null;
        for (String p : parts.subList(1, parts.size())) {
            if (p.startsWith("host=")) {
                return p.substring(5);
            }
            if (positional == null && !p.contains("=")) {
                positional = p;
            }
        }
        return positional;
    }

    @Override
    public String toString() {
        return "SMTPSender[" + this.description + ", " + this.options + "]";
    }
}
