package twisted.mail.pop3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Deferred;
import twisted.defer.DeferredTimeoutException;
import twisted.defer.Failure;
import twisted.internet.Reactor;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.error.ConnectionLostException;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.policies.IdleTimeout;
import twisted.time.ReactorTime;

/**
 * A POP3 client (RFC 1939, with RFC 2449's {@code CAPA} and {@code PIPELINING} and RFC 2595's
 * {@code STLS}): every command is a method whose Deferred fires with the parsed reply, or fails
 * with {@link ServerErrorResponse} on {@code -ERR} (the session goes on).
 *
 * <pre>{@code
 * POP3Client.connect(reactor, "tcp:mail.example.org:110")
 *         .thenCompose(pop3 -> pop3.startTLS(TlsOptions.client("mail.example.org"))
 *                 .thenCompose(caps -> pop3.login("alice", password))
 *                 .thenCompose(ok -> pop3.retrieve(1))
 *                 .thenCompose(message -> store(message).thenCompose(stored -> pop3.delete(1)))
 *                 .thenCompose(ok -> pop3.quit()));
 * }</pre>
 *
 * <h2>Queueing and pipelining</h2>
 * Commands may be issued before earlier ones are answered: they are queued and sent in order,
 * one at a time, or all at once when the server's cached capabilities list {@code PIPELINING}
 * (then at most 32 wait for their replies). {@code STLS} and the login commands go alone: nothing
 * is sent after them until they are answered, and what they send is decided when their turn
 * comes (so {@code startTLS(...)} followed at once by {@code login(...)} logs in over TLS).
 * Message numbers are 1-based, as on the wire.
 *
 * <h2>Safety</h2>
 * {@link #login} never sends a password over plain text unless
 * {@link POP3ClientOptions#allowInsecureLogin()} says so; it fails with
 * {@link InsecureAuthenticationDisallowed} and sends nothing. {@link #startTLS} verifies the
 * server's certificate against the host name of its {@link TlsOptions} (the default of
 * {@link TlsOptions#client(String)}), drops whatever the server sent in plain text after its
 * {@code +OK}, and re-reads the capabilities over TLS. Every reply is bounded (line length, size
 * of listings and messages, a timeout while waiting); a broken limit fails the command and closes
 * the connection. A lost connection fails every outstanding Deferred. Passwords never reach a log
 * or an exception message.
 *
 * <p>Use one instance per connection and call it on the reactor thread (from its Deferreds'
 * callbacks, or through {@code reactor.callFromThread}). Twisted:
 * {@code twisted.mail.pop3.AdvancedPOP3Client}; its {@code retrieve(i, consumer, lines)} is
 * {@link #retrieve(int)} and {@link #top(int, int)} here.
 *
 * @since 0.1.0
 */
public final class POP3Client extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(POP3Client.class);

    private static final byte[] CRLF = { '\r', '\n' };

    private static final int WINDOW = 32;

    /** RFC 1939 section 7: the timestamp is a msg-id, {@code <...@...>}. */
    private static final Pattern CHALLENGE = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");

    /**
     * What {@code STAT} reports.
     *
     * @param messages how many messages the maildrop has, not counting those deleted in this
     *        session
     * @param octets their total size
     */
    public record Stat(int messages, long octets) {
    }

    private final POP3ClientOptions options;

    private final IdleTimeout timer;

    private final ArrayDeque<Command> queue = new ArrayDeque<>();

    private final ArrayDeque<Command> inFlight = new ArrayDeque<>();

    private final List<Deferred<String>> greetingWaiters = new ArrayList<>();

    private @Nullable String greeting;

    private @Nullable Throwable greetingError;

    private @Nullable String challenge;

    private @Nullable Map<String, List<String>> capabilities;

    /** The body of the multi-line reply being read, after its {@code +OK}. */
    private @Nullable ByteArrayOutputStream body;

    private String bodyStatus = "";

    private boolean closed;

    private boolean quitting;

    /**
     * A client with the default options.
     *
     * @param clock the reactor (or a test {@code Clock}), for the timeout
     */
    public POP3Client(ReactorTime clock) {
        this(clock, POP3ClientOptions.defaults());
    }

    /**
     * A client with these options.
     *
     * @param clock the reactor (or a test {@code Clock}), for the timeout
     * @param options limits and login policy
     */
    public POP3Client(ReactorTime clock, POP3ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.timer = new IdleTimeout(Objects.requireNonNull(clock, "clock"), this::timedOut);
        setDelimiter(CRLF);
        setMaxLength(options.maxLineLength());
        setCharset(StandardCharsets.UTF_8);
    }

    /**
     * Connects to a POP3 server and waits for its greeting.
     *
     * @param reactor the reactor
     * @param description a client endpoint string: {@code tcp:HOST:110} (then {@link #startTLS})
     *        or {@code tls:HOST:995} (POP3S); see {@link Endpoints#clientFromString}
     * @return a Deferred of the client, greeted, in the AUTHORIZATION state; it fails when the
     *         connection fails, or the server greets with {@code -ERR} or not in time
     */
    public static Deferred<POP3Client> connect(Reactor reactor, String description) {
        return connect(reactor, description, POP3ClientOptions.defaults());
    }

    /**
     * Connects to a POP3 server with these options and waits for its greeting.
     *
     * @param reactor the reactor
     * @param description a client endpoint string, as for {@link #connect(Reactor, String)}
     * @param options the client's limits and login policy
     * @return a Deferred of the client, greeted
     */
    public static Deferred<POP3Client> connect(Reactor reactor, String description, POP3ClientOptions options) {
        POP3Client client = new POP3Client(reactor, options);
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, description), client)
                .thenCompose(connected -> client.serverGreeting())
                .thenApply(text -> client);
    }

    // ------------------------------------------------------------------ the greeting

    /**
     * The server's greeting: fires once it has arrived (at once if it has), with its text after
     * {@code +OK}. Fails with {@link ServerErrorResponse} when the server greets with {@code -ERR}
     * (it then closes the connection), or when the connection is lost or times out first. May be
     * called any number of times. Twisted: {@code serverGreeting} (a callback there).
     *
     * @return a Deferred of the greeting's text
     */
    public Deferred<String> serverGreeting() {
        if (this.greeting != null) {
            return Deferred.succeed(this.greeting);
        }
        if (this.greetingError != null) {
            return Deferred.fail(this.greetingError);
        }
        Deferred<String> waiter = new Deferred<>();
        this.greetingWaiters.add(waiter);
        return waiter;
    }

    /**
     * The APOP timestamp in the greeting ({@code <1896.697170952@dbc.mtview.ca.us>}), which tells
     * that the server offers {@code APOP}. Twisted: {@code serverChallenge}.
     *
     * @return the timestamp with its angle brackets, or {@code null} before the greeting or when
     *         there is none
     */
    public @Nullable String serverChallenge() {
        return this.challenge;
    }

    // ------------------------------------------------------------------ CAPA and STLS

    /**
     * The server's capabilities, from the cache when they were read before.
     *
     * @return a Deferred of {@link #capabilities(boolean) capabilities(true)}
     */
    public Deferred<Map<String, List<String>>> capabilities() {
        return capabilities(true);
    }

    /**
     * The server's capabilities ({@code CAPA}, RFC 2449): each name, upper case, to its arguments
     * ({@code "SASL" -> ["PLAIN"]}, {@code "TOP" -> []}). A server without {@code CAPA} answers
     * {@code -ERR}, which gives an empty map. The result is cached until {@link #startTLS}.
     *
     * @param useCache whether a cached result may be returned instead of asking the server
     * @return a Deferred of the capabilities, in the server's order, unmodifiable
     */
    public Deferred<Map<String, List<String>>> capabilities(boolean useCache) {
        Map<String, List<String>> cached = this.capabilities;
        if (useCache && cached != null) {
            return Deferred.succeed(cached);
        }
        return send(new Command("CAPA", ascii("CAPA"), true, this.options.maxResponseSize(), this::capabilitiesRead));
    }

    /**
     * Switches the connection to TLS with {@code STLS} (RFC 2595): checks the capabilities list
     * {@code STLS} (else fails with {@link TLSNotSupportedError}), sends it, starts TLS on the
     * transport, forgets the cached capabilities and reads them again over TLS. When the
     * certificate does not verify, the handshake fails and the connection is closed: this Deferred
     * and every command after it fail, and nothing queued is sent in plain text. Twisted:
     * {@code startTLS(contextFactory)}.
     *
     * @param tls client-side options; {@link TlsOptions#client(String)} verifies the host name
     * @return a Deferred of the capabilities read over TLS
     * @throws IllegalArgumentException when {@code tls} is not client-side
     */
    public Deferred<Map<String, List<String>>> startTLS(TlsOptions tls) {
        Objects.requireNonNull(tls, "tls");
        if (!tls.client()) {
            throw new IllegalArgumentException("startTLS needs client-side TLS options (TlsOptions.client)");
        }
        if (this.capabilities == null) {
            capabilities(false).addErrback(failure -> null);
        }
        Command stls = new Command("STLS", null, false, 0, null);
        stls.barrier = true;
        stls.line = () -> {
            Map<String, List<String>> known = this.capabilities;
            if (known == null || !known.containsKey("STLS")) {
                throw new TLSNotSupportedError();
            }
            if (!(this.transport instanceof TCPTransport tcp) || tcp.isSecure()) {
                throw new POP3ClientError("TLS is already on, or this transport cannot start it");
            }
            return ascii("STLS");
        };
        stls.handler = reply -> {
            ok(reply);
            // RFC 2595 section 4: whatever came after the +OK in plain text is not the server's
            clearLineBuffer();
            ((TCPTransport) this.transport).startTLS(tls);
            this.capabilities = null;
            return new FollowUp(ascii("CAPA"), true, this.options.maxResponseSize(), this::capabilitiesRead);
        };
        return send(stls);
    }

    // ------------------------------------------------------------------ logins

    /**
     * Logs in: with {@code APOP} when the greeting carried a challenge and
     * {@link POP3ClientOptions#useApop()} allows it, else with {@code USER} and {@code PASS},
     * which are sent only over TLS unless {@link POP3ClientOptions#allowInsecureLogin()}. The
     * choice is made when the command's turn comes, after the commands issued before it. The
     * password array is copied; the copy is wiped once the login is over. Twisted:
     * {@code login(username, password)}.
     *
     * @param user the user name: no spaces or line breaks
     * @param password the password: no line breaks
     * @return a Deferred of the server's text after {@code +OK}; fails with
     *         {@link ServerErrorResponse} for a wrong password, with
     *         {@link InsecureAuthenticationDisallowed} when nothing was sent
     */
    public Deferred<String> login(String user, char[] password) {
        checkUser(user);
        char[] secret = copyPassword(password);
        Command login = new Command("LOGIN", null, false, 0, null);
        login.barrier = true;
        login.line = () -> {
            String magic = this.challenge;
            if (magic != null && this.options.useApop()) {
                login.handler = POP3Client::text;
                return apopLine(user, magic, secret);
            }
            requireSecureOrAllowed();
            login.handler = reply -> {
                ok(reply);
                return new FollowUp(passLine(secret), false, 0, POP3Client::text);
            };
            return ascii("USER " + user);
        };
        return wiping(send(login), secret);
    }

    /**
     * Sends {@code USER}: the first half of a plain login (see {@link #login}, which is usually
     * what to call). Twisted: {@code user(username)}.
     *
     * @param user the user name
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> user(String user) {
        checkUser(user);
        Command command = new Command("USER", ascii("USER " + user), false, 0, POP3Client::text);
        command.barrier = true;
        return send(command);
    }

    /**
     * Sends {@code PASS}, after {@link #user}: only over TLS unless
     * {@link POP3ClientOptions#allowInsecureLogin()} (else it fails with
     * {@link InsecureAuthenticationDisallowed} and sends nothing). Twisted: {@code password}.
     *
     * @param password the password; copied, and the copy wiped once sent
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> password(char[] password) {
        char[] secret = copyPassword(password);
        Command command = new Command("PASS", null, false, 0, POP3Client::text);
        command.barrier = true;
        command.line = () -> {
            requireSecureOrAllowed();
            return passLine(secret);
        };
        return wiping(send(command), secret);
    }

    /**
     * Logs in with {@code APOP} (RFC 1939 section 7): sends the MD5 digest of the greeting's
     * challenge and the password, never the password itself. Fails with {@link POP3ClientError}
     * when the greeting had no challenge. Twisted: {@code apop(username, digest)}.
     *
     * @param user the user name
     * @param password the shared secret; copied, and the copy wiped once used
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> apop(String user, char[] password) {
        checkUser(user);
        char[] secret = copyPassword(password);
        Command command = new Command("APOP", null, false, 0, POP3Client::text);
        command.barrier = true;
        command.line = () -> {
            String magic = this.challenge;
            if (magic == null) {
                throw new POP3ClientError("the server's greeting has no APOP challenge");
            }
            return apopLine(user, magic, secret);
        };
        return wiping(send(command), secret);
    }

    // ------------------------------------------------------------------ TRANSACTION

    /**
     * {@code STAT}: how many messages, and how large together. Twisted: {@code stat()}.
     *
     * @return a Deferred of the counts
     */
    public Deferred<Stat> stat() {
        return send(new Command("STAT", ascii("STAT"), false, 0, reply -> POP3Replies.stat(text(reply))));
    }

    /**
     * {@code LIST}: every message's size. Twisted: {@code listSize()}, a list with {@code None}
     * for deleted messages; here deleted messages are absent.
     *
     * @return a Deferred of message number to size in octets, ascending
     */
    public Deferred<SortedMap<Integer, Long>> listSize() {
        return send(new Command("LIST", ascii("LIST"), true, this.options.maxResponseSize(),
                reply -> POP3Replies.listing("LIST", body(reply), size -> POP3Replies.size("LIST", size, size))));
    }

    /**
     * {@code LIST n}: one message's size.
     *
     * @param message the message number, from 1
     * @return a Deferred of the size in octets
     */
    public Deferred<Long> listSize(int message) {
        checkMessage(message);
        return send(new Command("LIST", ascii("LIST " + message), false, 0, reply -> {
            String size = POP3Replies.single("LIST", text(reply), message);
            return POP3Replies.size("LIST", size, text(reply));
        }));
    }

    /**
     * {@code UIDL}: every message's unique id. Twisted: {@code listUID()}.
     *
     * @return a Deferred of message number to unique id, ascending
     */
    public Deferred<SortedMap<Integer, String>> listUID() {
        return send(new Command("UIDL", ascii("UIDL"), true, this.options.maxResponseSize(),
                reply -> POP3Replies.listing("UIDL", body(reply), uid -> uid)));
    }

    /**
     * {@code UIDL n}: one message's unique id.
     *
     * @param message the message number, from 1
     * @return a Deferred of the unique id
     */
    public Deferred<String> listUID(int message) {
        checkMessage(message);
        return send(new Command("UIDL", ascii("UIDL " + message), false, 0,
                reply -> POP3Replies.single("UIDL", text(reply), message)));
    }

    /**
     * {@code RETR n}: the whole message, dot-unstuffed, its lines ending in CR LF as on the wire
     * (so a non-empty message always ends with CR LF). Larger than
     * {@link POP3ClientOptions#maxMessageSize()}: fails with {@link ResponseTooLarge} and the
     * connection is closed. Twisted: {@code retrieve(i)}.
     *
     * @param message the message number, from 1
     * @return a Deferred of the message's bytes
     */
    public Deferred<byte[]> retrieve(int message) {
        checkMessage(message);
        return send(new Command("RETR", ascii("RETR " + message), true, this.options.maxMessageSize(), POP3Client::body));
    }

    /**
     * {@code TOP n lines}: the header and the first {@code lines} lines of the body, as
     * {@link #retrieve} gives them. Twisted: {@code retrieve(i, lines=n)}.
     *
     * @param message the message number, from 1
     * @param lines how many body lines, 0 for the header only
     * @return a Deferred of the bytes
     */
    public Deferred<byte[]> top(int message, int lines) {
        checkMessage(message);
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be >= 0: " + lines);
        }
        return send(new Command("TOP", ascii("TOP " + message + " " + lines), true, this.options.maxMessageSize(),
                POP3Client::body));
    }

    /**
     * {@code DELE n}: marks a message deleted; the server removes it only after {@link #quit}.
     *
     * @param message the message number, from 1
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> delete(int message) {
        checkMessage(message);
        return send(new Command("DELE", ascii("DELE " + message), false, 0, POP3Client::text));
    }

    /**
     * {@code RSET}: unmarks every message deleted in this session.
     *
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> reset() {
        return send(new Command("RSET", ascii("RSET"), false, 0, POP3Client::text));
    }

    /**
     * {@code NOOP}: nothing, but the server answers (keeps the session alive).
     *
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> noop() {
        return send(new Command("NOOP", ascii("NOOP"), false, 0, POP3Client::text));
    }

    /**
     * {@code QUIT}: ends the session; the server then removes the deleted messages. The client
     * closes the connection once answered. Commands issued after this one fail at once.
     *
     * @return a Deferred of the server's text after {@code +OK}
     */
    public Deferred<String> quit() {
        Deferred<String> done = send(new Command("QUIT", ascii("QUIT"), false, 0, reply -> {
            this.transport.loseConnection();
            return text(reply);
        }));
        this.quitting = true;
        return done;
    }

    // ------------------------------------------------------------------ protocol callbacks

    @Override
    public void connectionMade() {
        this.timer.setTimeout(this.options.timeout());
    }

    @Override
    public void connectionLost(Failure reason) {
        this.closed = true;
        this.timer.cancel();
        this.body = null;
        failAll(null, null, reason.value());
    }

    @Override
    public void lineReceived(byte[] line) {
        if (this.closed) {
            return;
        }
        this.timer.resetTimeout();
        if (this.greeting == null) {
            greetingReceived(new String(line, StandardCharsets.UTF_8));
            return;
        }
        Command head = this.inFlight.peek();
        if (head == null) {
            closeWith(null, new POP3ClientError("the server sent a line while no command was waiting"));
            return;
        }
        ByteArrayOutputStream data = this.body;
        if (data != null) {
            bodyLine(head, data, line);
            return;
        }
        String text = new String(line, StandardCharsets.UTF_8);
        String ok = after(text, "+OK");
        String err = after(text, "-ERR");
        if (ok != null && head.multiLine) {
            this.body = new ByteArrayOutputStream();
            this.bodyStatus = ok;
        }
        else if (ok != null || err != null) {
            answer(head, new Reply(head.name, ok != null, (ok != null) ? ok : Objects.requireNonNull(err), null));
        }
        else {
            closeWith(head, POP3Replies.malformed(head.name, text));
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        if (!this.closed) {
            closeWith(this.inFlight.peek(), new LineTooLong(this.options.maxLineLength()));
        }
    }

    // ------------------------------------------------------------------ replies

    private void greetingReceived(String text) {
        String ok = after(text, "+OK");
        if (ok == null) {
            String err = after(text, "-ERR");
            closeWith(null, (err != null) ? new ServerErrorResponse("greeting", err)
                    : POP3Replies.malformed("the greeting", text));
            return;
        }
        Matcher challenge = CHALLENGE.matcher(ok);
        this.challenge = challenge.find() ? challenge.group() : null;
        this.greeting = ok;
        this.timer.cancel();
        List<Deferred<String>> waiters = List.copyOf(this.greetingWaiters);
        this.greetingWaiters.clear();
        waiters.forEach(waiter -> waiter.callback(ok));
        flush();
    }

    private void bodyLine(Command head, ByteArrayOutputStream data, byte[] line) {
        if (line.length == 1 && line[0] == '.') {
            this.body = null;
            answer(head, new Reply(head.name, true, this.bodyStatus, data.toByteArray()));
            return;
        }
        int from = (line.length > 0 && line[0] == '.') ? 1 : 0;
        if ((long) data.size() + (line.length - from) + 2 > head.limit) {
            closeWith(head, new ResponseTooLarge(head.name, head.limit));
            return;
        }
        data.write(line, from, line.length - from);
        data.write(CRLF, 0, 2);
    }

    /** The head command's reply is complete: fire its Deferred, or send its follow-up. */
    private void answer(Command head, Reply reply) {
        this.inFlight.poll();
        Object result;
        try {
            result = Objects.requireNonNull(head.handler, "handler").handle(reply);
        }
        catch (RuntimeException ex) {
            settle();
            head.deferred.errback(ex);
            flush();
            return;
        }
        if (result instanceof FollowUp next) {
            head.multiLine = next.multiLine();
            head.limit = next.limit();
            head.handler = next.handler();
            this.inFlight.addFirst(head);
            sendLine(next.line());
            return;
        }
        settle();
        head.deferred.callback(result);
        flush();
    }

    /** Stops the timer when nothing waits for a reply. */
    private void settle() {
        if (this.inFlight.isEmpty()) {
            this.timer.cancel();
        }
    }

    private Map<String, List<String>> capabilitiesRead(Reply reply) {
        Map<String, List<String>> read = reply.ok() ? POP3Replies.capabilities(body(reply)) : Map.of();
        this.capabilities = read;
        return read;
    }

    // ------------------------------------------------------------------ queue

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> send(Command command) {
        if (this.closed || this.quitting) {
            return Deferred.fail(new POP3ClientError(command.name + " refused: the session is "
                    + (this.closed ? "closed" : "ending (QUIT was sent)")));
        }
        this.queue.add(command);
        flush();
        return (Deferred<T>) (Deferred<?>) command.deferred;
    }

    /** Sends what may be sent now: after the greeting, one at a time unless pipelining. */
    private void flush() {
        while (!this.closed && this.greeting != null && !this.queue.isEmpty() && maySend(this.queue.peek())) {
            Command command = this.queue.poll();
            byte[] line;
            try {
                line = Objects.requireNonNull(command.line, "line").get();
            }
            catch (RuntimeException ex) {
                command.deferred.errback(ex);
                continue;
            }
            this.inFlight.add(command);
            if (!this.timer.isArmed()) {
                this.timer.setTimeout(this.options.timeout());
            }
            sendLine(line);
        }
    }

    private boolean maySend(Command next) {
        Command last = this.inFlight.peekLast();
        if (last == null) {
            return true;
        }
        Map<String, List<String>> known = this.capabilities;
        return known != null && known.containsKey("PIPELINING") && !next.barrier && !last.barrier
                && this.inFlight.size() < WINDOW;
    }

    private void timedOut() {
        if (!this.closed) {
            log.info("{}: no reply within {}; closing the connection", this.transport.logPrefix(), this.options.timeout());
            closeWith(this.inFlight.peek(), new DeferredTimeoutException(this.options.timeout()));
        }
    }

    /**
     * Fails {@code head} with {@code error}, everything else outstanding with a
     * {@link ConnectionLostException} caused by it, and closes the connection.
     */
    private void closeWith(@Nullable Command head, Throwable error) {
        log.debug("{}: closing the connection: {}", this.transport.logPrefix(), error.getMessage());
        this.closed = true;
        this.body = null;
        this.timer.cancel();
        failAll(head, error, new ConnectionLostException(error));
        this.transport.loseConnection();
    }

    private void failAll(@Nullable Command head, @Nullable Throwable headError, Throwable others) {
        List<Command> outstanding = new ArrayList<>(this.inFlight);
        outstanding.addAll(this.queue);
        this.inFlight.clear();
        this.queue.clear();
        if (this.greeting == null && this.greetingError == null) {
            Throwable error = (headError != null) ? headError : others;
            this.greetingError = error;
            List<Deferred<String>> waiters = List.copyOf(this.greetingWaiters);
            this.greetingWaiters.clear();
            waiters.forEach(waiter -> waiter.errback(error));
        }
        for (Command command : outstanding) {
            command.deferred.errback((command == head && headError != null) ? headError : others);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String text(Reply reply) {
        return ok(reply).text();
    }

    private static byte[] body(Reply reply) {
        return Objects.requireNonNull(ok(reply).body(), "body");
    }

    private static Reply ok(Reply reply) {
        if (!reply.ok()) {
            throw new ServerErrorResponse(reply.command(), reply.text());
        }
        return reply;
    }

    /** The text after a status indicator ({@code +OK}, {@code -ERR}), or {@code null}. */
    private static @Nullable String after(String line, String status) {
        if (!line.startsWith(status)) {
            return null;
        }
        if (line.length() == status.length()) {
            return "";
        }
        return (line.charAt(status.length()) == ' ') ? line.substring(status.length() + 1) : null;
    }

    private void requireSecureOrAllowed() {
        boolean secure = this.transport instanceof TCPTransport tcp && tcp.isSecure();
        if (!secure && !this.options.allowInsecureLogin()) {
            throw new InsecureAuthenticationDisallowed();
        }
    }

    private static byte[] apopLine(String user, String challenge, char[] secret) {
        return ascii("APOP " + user + " " + APOPCredentials.digest(challenge, new String(secret)));
    }

    /** {@code PASS} and the password in UTF-8, through no String; the encoder's buffer is wiped. */
    private static byte[] passLine(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] line = new byte[5 + encoded.remaining()];
        System.arraycopy(ascii("PASS "), 0, line, 0, 5);
        encoded.get(line, 5, encoded.remaining());
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return line;
    }

    private static <T> Deferred<T> wiping(Deferred<T> result, char[] secret) {
        result.addBoth(value -> {
            Arrays.fill(secret, '\0');
            return value;
        });
        return result;
    }

    private static void checkUser(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("a user name must be non-empty, without spaces or control characters");
        }
    }

    private static char[] copyPassword(char[] password) {
        Objects.requireNonNull(password, "password");
        for (char c : password) {
            if (c == '\r' || c == '\n' || c == '\0') {
                // the message must not show the password
                throw new IllegalArgumentException("a password must not hold CR, LF or NUL");
            }
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("a password must not be empty");
        }
        return password.clone();
    }

    private static void checkMessage(int message) {
        if (message < 1) {
            throw new IllegalArgumentException("message numbers start at 1: " + message);
        }
    }

    private static byte[] ascii(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** A command's reply: its status, the text after it and, for a multi-line one, the body. */
    private record Reply(String command, boolean ok, String text, byte @Nullable [] body) {
    }

    /** Turns a reply into the command's result, or a {@link FollowUp}; throws to fail it. */
    @FunctionalInterface
    private interface Handler {
        @Nullable Object handle(Reply reply);
    }

    /** A handler's answer meaning "send this line and read its reply as part of the same command". */
    private record FollowUp(byte[] line, boolean multiLine, long limit, Handler handler) {
    }

    /** One command, queued, then in flight. */
    private static final class Command {

        final String name;

        final Deferred<Object> deferred = new Deferred<>();

        @Nullable Supplier<byte[]> line;

        boolean multiLine;

        long limit;

        @Nullable Handler handler;

        /** Sent alone: nothing goes out with it or after it until it is answered. */
        boolean barrier;

        Command(String name, byte @Nullable [] line, boolean multiLine, long limit, @Nullable Handler handler) {
            this.name = name;
            this.line = (line != null) ? () -> line : null;
            this.multiLine = multiLine;
            this.limit = limit;
            this.handler = handler;
        }
    }
}
