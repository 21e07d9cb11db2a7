package twisted.mail.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

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
import twisted.mail.ModifiedUtf7;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.policies.IdleTimeout;
import twisted.time.ReactorTime;

/**
 * An IMAP4rev1 client (RFC 3501, with STARTTLS, SASL-IR, LITERAL+, UIDPLUS, MOVE and IDLE):
 * every command is a method whose Deferred fires with the parsed result, or fails with
 * {@link IMAP4Exception} when the server answers {@code NO} or {@code BAD} (the session goes on).
 *
 * <pre>{@code
 * IMAP4Client.connect(reactor, "tcp:mail.example.org:143")
 *         .thenCompose(imap -> imap.startTLS(TlsOptions.client("mail.example.org"))
 *                 .thenCompose(caps -> imap.login("alice", password))
 *                 .thenCompose(ok -> imap.select("INBOX"))
 *                 .thenCompose(box -> imap.fetch("1:*", "(FLAGS ENVELOPE)"))
 *                 .thenCompose(messages -> imap.logout()));
 * }</pre>
 *
 * <h2>Commands</h2>
 * Tagged {@code A0001}, {@code A0002}...; they may be issued before earlier ones are answered and
 * are queued, one in flight at a time. Literals in commands are synchronising (sent after the
 * server's {@code +}) unless the server offers {@code LITERAL+}. Arguments that are mailbox names
 * are encoded in modified UTF-7; sequence sets, search criteria and fetch items are sent as given.
 * Untagged {@code EXISTS}, {@code EXPUNGE} and {@code FETCH} responses that the command in flight
 * did not ask for go to the {@link #setUntaggedListener listener}.
 *
 * <h2>Safety</h2>
 * {@link #login} and {@link #authenticatePlain} send nothing without TLS unless
 * {@link IMAPClientOptions#allowInsecureLogin()}; they fail with {@link InsecureLoginException}.
 * Passwords never reach a log or an exception message. {@link #startTLS} verifies the certificate
 * as its {@link TlsOptions} say and re-reads the capabilities. Every response is bounded by
 * {@link IMAPClientOptions}; a malformed response, a broken limit or a timeout closes the
 * connection, failing the command with {@link IllegalServerResponseException} (or
 * {@code DeferredTimeoutException}) and everything else outstanding with
 * {@link ConnectionLostException}.
 *
 * <p>One instance per connection; call it on the reactor thread. Twisted:
 * {@code twisted.mail.imap4.IMAP4Client}. Young API: its shape may change.
 *
 * @since 0.1.0
 */
public final class IMAP4Client extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(IMAP4Client.class);

    private static final byte[] CRLF = { '\r', '\n' };

    /** Handle on a running {@code IDLE}; see {@link IMAP4Client#idle}. */
    public interface Idle {

        /**
         * Ends the IDLE: sends {@code DONE}. Calling it again does nothing more.
         *
         * @return a Deferred that fires when the server completes the IDLE command
         */
        Deferred<@Nullable Void> done();
    }

    private final IMAPClientOptions options;

    private final IdleTimeout timer;

    private final ResponseFramer framer;

    private final ArrayDeque<Command> queue = new ArrayDeque<>();

    private final List<Deferred<String>> greetingWaiters = new ArrayList<>();

    private @Nullable Command inFlight;

    private @Nullable String greeting;

    private @Nullable Throwable greetingError;

    private @Nullable Set<String> capabilities;

    private UntaggedListener listener = new UntaggedListener() {
    };

    private @Nullable UntaggedListener idleListener;

    private int nextTag = 1;

    private boolean closed;

    /**
     * A client with these options.
     *
     * @param clock the reactor (or a test {@code Clock}), for the timeout
     * @param options limits and login policy
     */
    public IMAP4Client(ReactorTime clock, IMAPClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.timer = new IdleTimeout(Objects.requireNonNull(clock, "clock"), this::timedOut);
        this.framer = new ResponseFramer(options);
        setDelimiter(CRLF);
        setMaxLength(options.maxLineLength());
    }

    /**
     * Connects with the default options and waits for the greeting.
     *
     * @param reactor the reactor
     * @param endpoint a client endpoint string: {@code tcp:HOST:143} (then {@link #startTLS}) or
     *        {@code tls:HOST:993}
     * @return a Deferred of the greeted client
     */
    public static Deferred<IMAP4Client> connect(Reactor reactor, String endpoint) {
        return connect(reactor, endpoint, IMAPClientOptions.defaults());
    }

    /**
     * Connects and waits for the greeting.
     *
     * @param reactor the reactor (also the client's clock)
     * @param endpoint a client endpoint string, see {@link Endpoints#clientFromString}
     * @param options the client's limits and login policy
     * @return a Deferred of the greeted client; fails when the connection fails, the server greets
     *         with {@code BYE}, or not in time
     */
    public static Deferred<IMAP4Client> connect(Reactor reactor, String endpoint, IMAPClientOptions options) {
        IMAP4Client client = new IMAP4Client(reactor, options);
        return Endpoints.connectProtocol(Endpoints.clientFromString(reactor, endpoint), client)
                .thenCompose(connected -> client.serverGreeting())
                .thenApply(text -> client);
    }

    /**
     * The greeting's text; fires at once if it has arrived. Fails when the server greets with
     * {@code BYE} or the connection ends first.
     *
     * @return a Deferred of the greeting's text (after {@code OK} or {@code PREAUTH})
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
     * Sets who hears unsolicited {@code EXISTS}, {@code EXPUNGE} and {@code FETCH} responses.
     *
     * @param listener the listener
     */
    public void setUntaggedListener(UntaggedListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ------------------------------------------------------------------ capabilities, TLS, login

    /**
     * The server's capabilities, in upper case: from the greeting's or the last login's
     * {@code [CAPABILITY]} when it had one, else asked with {@code CAPABILITY}.
     *
     * @return a Deferred of the capabilities
     */
    public Deferred<Set<String>> capabilities() {
        Set<String> known = this.capabilities;
        return (known != null) ? Deferred.succeed(known) : send(capabilityCommand());
    }

    private Command capabilityCommand() {
        return new Command("CAPABILITY", () -> pieces("CAPABILITY"), done -> {
            Set<String> caps = new LinkedHashSet<>();
            for (ServerResponse response : done.untagged) {
                if (response.keyword().equals("CAPABILITY")) {
                    response.values().forEach(value -> caps.add(FetchResponses.string(value, "capability")
                            .toUpperCase(Locale.ROOT)));
                }
            }
            this.capabilities = Collections.unmodifiableSet(caps);
            return this.capabilities;
        });
    }

    /**
     * {@code STARTTLS} (RFC 3501 section 6.2.1): starts TLS once the server agrees, forgets the
     * capabilities and reads them again over TLS before any command queued after this one. When
     * the certificate does not verify, the connection is closed and everything outstanding fails.
     *
     * @param tls client-side options; {@link TlsOptions#client(String)} verifies the host name
     * @return a Deferred of the capabilities read over TLS
     */
    public Deferred<Set<String>> startTLS(TlsOptions tls) {
        Objects.requireNonNull(tls, "tls");
        if (!tls.client()) {
            throw new IllegalArgumentException("startTLS needs client-side TLS options (TlsOptions.client)");
        }
        Command again = capabilityCommand();
        Command stls = new Command("STARTTLS", () -> {
            if (!(this.transport instanceof TCPTransport tcp) || tcp.isSecure()) {
                throw new IllegalStateException("TLS is already on, or this transport cannot start it");
            }
            return pieces("STARTTLS");
        }, done -> {
            // RFC 3501 section 6.2.1: nothing the server sent in plain text after OK counts
            clearLineBuffer();
            ((TCPTransport) this.transport).startTLS(tls);
            this.capabilities = null;
            this.queue.addFirst(again);
            return null;
        });
        return send(stls).thenCompose(ok -> again.<Set<String>>result());
    }

    /**
     * {@code LOGIN}: the password goes as a quoted string, or as a literal when it needs one. Only
     * over TLS unless the options allow it (checked when the command's turn comes). The array is
     * copied and the copy wiped afterwards.
     *
     * @param user the user name
     * @param password the password
     * @return a Deferred that fires when logged in; fails with {@link IMAP4Exception} for wrong
     *         credentials, {@link InsecureLoginException} when nothing was sent
     */
    public Deferred<@Nullable Void> login(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        char[] secret = Objects.requireNonNull(password, "password").clone();
        Command login = new Command("LOGIN", () -> {
            requireSecureOrAllowed();
            Line line = new Line("LOGIN").astring(user).space();
            byte[] encoded = utf8(secret);
            try {
                line.astring(encoded);
            }
            finally {
                Arrays.fill(encoded, (byte) 0);
            }
            return line.pieces();
        }, this::noteCapabilities);
        return wiping(send(login), secret);
    }

    /**
     * {@code AUTHENTICATE PLAIN} (RFC 4616), with the initial response on the command line when
     * the server offers {@code SASL-IR}; else sent after the server's {@code +}. Same TLS rule as
     * {@link #login}.
     *
     * @param user the authentication identity
     * @param password the password; copied, and the copy wiped afterwards
     * @return a Deferred that fires when authenticated
     */
    public Deferred<@Nullable Void> authenticatePlain(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        char[] secret = Objects.requireNonNull(password, "password").clone();
        Command auth = new Command("AUTHENTICATE", () -> {
            requireSecureOrAllowed();
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            byte[] pass = utf8(secret);
            byte[] plain = new byte[name.length + pass.length + 2];
            System.arraycopy(name, 0, plain, 1, name.length);
            System.arraycopy(pass, 0, plain, name.length + 2, pass.length);
            byte[] encoded = Base64.getEncoder().encode(plain);
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(pass, (byte) 0);
            Set<String> caps = this.capabilities;
            List<byte[]> pieces = new ArrayList<>();
            if (caps != null && caps.contains("SASL-IR")) {
                pieces.add(join(bytes("AUTHENTICATE PLAIN "), encoded, CRLF));
            }
            else {
                pieces.add(bytes("AUTHENTICATE PLAIN\r\n"));
                pieces.add(join(encoded, CRLF));
            }
            Arrays.fill(encoded, (byte) 0);
            return pieces;
        }, this::noteCapabilities);
        return wiping(send(auth), secret);
    }

    // ------------------------------------------------------------------ mailboxes

    /**
     * {@code SELECT}: opens a mailbox read-write.
     *
     * @param mailbox its name (encoded in modified UTF-7 here)
     * @return a Deferred of what the server said about it
     */
    public Deferred<SelectedMailbox> select(String mailbox) {
        return selectOrExamine("SELECT", mailbox);
    }

    /**
     * {@code EXAMINE}: opens a mailbox read-only.
     *
     * @param mailbox its name
     * @return a Deferred of what the server said about it
     */
    public Deferred<SelectedMailbox> examine(String mailbox) {
        return selectOrExamine("EXAMINE", mailbox);
    }

    private Deferred<SelectedMailbox> selectOrExamine(String verb, String mailbox) {
        Command command = simple(verb, new Line(verb).mailbox(mailbox), MailboxResponses::selected);
        command.solicited = Set.of("EXISTS", "FETCH", "EXPUNGE");
        return send(command);
    }

    /**
     * {@code CREATE}.
     *
     * @param mailbox the new mailbox's name
     * @return a Deferred that fires when created
     */
    public Deferred<@Nullable Void> create(String mailbox) {
        return send(simple("CREATE", new Line("CREATE").mailbox(mailbox), done -> null));
    }

    /**
     * {@code DELETE}.
     *
     * @param mailbox the mailbox's name
     * @return a Deferred that fires when deleted
     */
    public Deferred<@Nullable Void> delete(String mailbox) {
        return send(simple("DELETE", new Line("DELETE").mailbox(mailbox), done -> null));
    }

    /**
     * {@code LIST}.
     *
     * @param reference the reference name ({@code ""} for none)
     * @param pattern the pattern, with {@code *} and {@code %} wildcards
     * @return a Deferred of the entries, in the server's order
     */
    public Deferred<List<ListEntry>> list(String reference, String pattern) {
        Line line = new Line("LIST").mailbox(reference).space().mailbox(pattern);
        return send(simple("LIST", line, done -> {
            List<ListEntry> entries = new ArrayList<>();
            for (ServerResponse response : done.untagged) {
                if (response.keyword().equals("LIST")) {
                    entries.add(FetchResponses.listEntry(response.values()));
                }
            }
            return Collections.unmodifiableList(entries);
        }));
    }

    /**
     * {@code STATUS}.
     *
     * @param mailbox the mailbox's name
     * @param items the items wanted: {@code MESSAGES}, {@code RECENT}, {@code UIDNEXT},
     *        {@code UIDVALIDITY}, {@code UNSEEN}
     * @return a Deferred of item (upper case) to value
     */
    public Deferred<Map<String, Long>> status(String mailbox, String... items) {
        Line line = new Line("STATUS").mailbox(mailbox).raw(" (" + String.join(" ", checked(items)) + ")");
        return send(simple("STATUS", line, MailboxResponses::status));
    }

    // ------------------------------------------------------------------ messages

    /**
     * {@code SEARCH}.
     *
     * @param criteria the search criteria as IMAP text ({@code UNSEEN FROM "bob"}), sent as given
     * @return a Deferred of the matching sequence numbers
     */
    public Deferred<List<Long>> search(String criteria) {
        return searchCommand("SEARCH", criteria);
    }

    /**
     * {@code UID SEARCH}.
     *
     * @param criteria the search criteria, sent as given
     * @return a Deferred of the matching UIDs
     */
    public Deferred<List<Long>> uidSearch(String criteria) {
        return searchCommand("UID SEARCH", criteria);
    }

    private Deferred<List<Long>> searchCommand(String verb, String criteria) {
        return send(simple(verb, new Line(verb).raw(" " + checkedText(criteria)), MailboxResponses::search));
    }

    /**
     * {@code FETCH}: per message, item name (upper case, as the server names it:
     * {@code BODY[]} for {@code BODY.PEEK[]}) to value: {@code FLAGS} a {@code Set<String>},
     * {@code UID} and {@code RFC822.SIZE} a {@code Long}, {@code INTERNALDATE} a {@code String},
     * {@code BODY[...]} and {@code RFC822*} a {@code byte[]}, {@code ENVELOPE} an {@link Envelope},
     * {@code BODYSTRUCTURE} a {@link BodyStructure}, anything else the parsed value.
     *
     * @param sequenceSet the messages ({@code 1:*}), sent as given
     * @param items the items ({@code (FLAGS ENVELOPE BODY.PEEK[])}), sent as given
     * @return a Deferred of sequence number to items
     */
    public Deferred<SortedMap<Long, Map<String, Object>>> fetch(String sequenceSet, String items) {
        return fetchCommand("FETCH", sequenceSet + " " + items);
    }

    /**
     * {@code UID FETCH}: as {@link #fetch}, the set being UIDs.
     *
     * @param uidSet the UIDs
     * @param items the items
     * @return a Deferred of sequence number to items
     */
    public Deferred<SortedMap<Long, Map<String, Object>>> uidFetch(String uidSet, String items) {
        return fetchCommand("UID FETCH", uidSet + " " + items);
    }

    /**
     * {@code STORE}.
     *
     * @param sequenceSet the messages
     * @param operation {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}, with {@code .SILENT} or not
     * @param flags the flags ({@code \Seen})
     * @return a Deferred of the new flags the server reported, as {@link #fetch} gives them
     */
    public Deferred<SortedMap<Long, Map<String, Object>>> store(String sequenceSet, String operation,
            String... flags) {
        return fetchCommand("STORE", sequenceSet + " " + operation + " (" + String.join(" ", checked(flags)) + ")");
    }

    private Deferred<SortedMap<Long, Map<String, Object>>> fetchCommand(String verb, String arguments) {
        Command command = simple(verb, new Line(verb).raw(" " + checkedText(arguments)), MailboxResponses::fetched);
        command.solicited = Set.of("FETCH");
        return send(command);
    }

    /**
     * {@code COPY}.
     *
     * @param sequenceSet the messages
     * @param mailbox the target mailbox
     * @return a Deferred that fires when copied
     */
    public Deferred<@Nullable Void> copy(String sequenceSet, String mailbox) {
        return send(simple("COPY", new Line("COPY").raw(" " + checkedText(sequenceSet) + " ").mailbox(mailbox),
                done -> null));
    }

    /**
     * {@code MOVE} (RFC 6851); the server reports the messages gone with {@code EXPUNGE}.
     *
     * @param sequenceSet the messages
     * @param mailbox the target mailbox
     * @return a Deferred of the sequence numbers expunged, in the server's order
     */
    public Deferred<List<Long>> move(String sequenceSet, String mailbox) {
        Command command = simple("MOVE", new Line("MOVE").raw(" " + checkedText(sequenceSet) + " ").mailbox(mailbox),
                MailboxResponses::expunged);
        command.solicited = Set.of("EXPUNGE");
        return send(command);
    }

    /**
     * {@code EXPUNGE}.
     *
     * @return a Deferred of the sequence numbers expunged, in the server's order
     */
    public Deferred<List<Long>> expunge() {
        Command command = simple("EXPUNGE", new Line("EXPUNGE"), MailboxResponses::expunged);
        command.solicited = Set.of("EXPUNGE");
        return send(command);
    }

    /**
     * {@code APPEND} with the message as a literal: synchronising (sent after the server's
     * {@code +}), or {@code LITERAL+} when the server offers it.
     *
     * @param mailbox the target mailbox
     * @param message the message's bytes, lines ending in CR LF
     * @param flags flags to set ({@code \Seen}), none for none
     * @param date the internal date ({@code 17-Jul-1996 02:44:25 -0700}), or {@code null}
     * @return a Deferred of where the message went ({@code APPENDUID}), or {@code null} when the
     *         server did not say
     */
    public Deferred<@Nullable AppendUid> append(String mailbox, byte[] message, List<String> flags,
            @Nullable String date) {
        Objects.requireNonNull(message, "message");
        Line line = new Line("APPEND").mailbox(mailbox);
        if (!flags.isEmpty()) {
            line.raw(" (" + String.join(" ", checked(flags.toArray(String[]::new))) + ")");
        }
        if (date != null) {
            line.raw(" \"" + checkedText(date) + "\"");
        }
        line.space().literal(message);
        return send(simple("APPEND", line, MailboxResponses::appendUid));
    }

    /**
     * {@code IDLE} (RFC 2177): fires once the server accepts it; from then on, until
     * {@link Idle#done()}, untagged {@code EXISTS}, {@code EXPUNGE} and {@code FETCH} go to the
     * given listener. The timeout does not run while idling (servers end IDLE after 30 minutes or
     * more, so call {@code done()} and start again before that).
     *
     * @param idleListener who hears the mailbox's changes
     * @return a Deferred of the handle
     */
    public Deferred<Idle> idle(UntaggedListener idleListener) {
        Objects.requireNonNull(idleListener, "idleListener");
        Deferred<Idle> started = new Deferred<>();
        Command command = simple("IDLE", new Line("IDLE"), done -> null);
        command.onContinuation = response -> {
            this.idleListener = idleListener;
            this.timer.cancel();
            boolean[] sent = { false };
            started.callback(() -> {
                if (!sent[0] && !this.closed && this.inFlight == command) {
                    sent[0] = true;
                    this.timer.setTimeout(this.options.timeout());
                    sendLine(bytes("DONE"));
                }
                return command.result();
            });
        };
        send(command).addBoth(outcome -> {
            if (!started.isCalled() && outcome instanceof Failure failure) {
                started.errback(failure);
            }
            return outcome;
        });
        return started;
    }

    /**
     * {@code NOOP}: gives the server the chance to report changes.
     *
     * @return a Deferred that fires when answered
     */
    public Deferred<@Nullable Void> noop() {
        return send(simple("NOOP", new Line("NOOP"), done -> null));
    }

    /**
     * {@code LOGOUT}: ends the session; the client closes the connection once answered.
     *
     * @return a Deferred that fires when answered
     */
    public Deferred<@Nullable Void> logout() {
        return send(simple("LOGOUT", new Line("LOGOUT"), done -> {
            this.transport.loseConnection();
            return null;
        }));
    }

    // ------------------------------------------------------------------ protocol callbacks

    @Override
    public void connectionMade() {
        this.timer.setTimeout(this.options.timeout());
    }

    @Override
    public void connectionLost(Failure reason) {
        boolean wasClosed = this.closed;
        this.closed = true;
        this.timer.cancel();
        if (!wasClosed) {
            failAll(null, reason.value());
        }
    }

    @Override
    public void lineReceived(byte[] line) {
        if (this.closed) {
            return;
        }
        this.timer.resetTimeout();
        try {
            long literal = this.framer.line(line);
            if (literal > 0) {
                setRawMode();
            }
            else if (literal < 0) {
                responseReceived(ResponseParser.parse(this.framer.take(), this.options.maxDepth()));
            }
        }
        catch (IllegalServerResponseException ex) {
            closeWith(ex);
        }
    }

    @Override
    public void rawDataReceived(byte[] data) {
        if (this.closed) {
            return;
        }
        this.timer.resetTimeout();
        int used = this.framer.literal(data);
        if (this.framer.literalDone()) {
            setLineMode(Arrays.copyOfRange(data, used, data.length));
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        if (!this.closed) {
            closeWith(new IllegalServerResponseException("line length exceeds the allowed maximum ("
                    + this.options.maxLineLength() + ")"));
        }
    }

    // ------------------------------------------------------------------ responses

    private void responseReceived(ServerResponse response) {
        noteCapabilityCode(response);
        if (this.greeting == null) {
            greetingReceived(response);
            return;
        }
        Command current = this.inFlight;
        if (response.continuation()) {
            continuationReceived(current, response);
        }
        else if (response.untagged()) {
            untaggedReceived(current, response);
        }
        else if (current == null || !current.tag.equals(response.tag())) {
            closeWith(new IllegalServerResponseException("completion for an unknown tag: " + response.tag()));
        }
        else {
            completed(current, response);
        }
    }

    private void greetingReceived(ServerResponse response) {
        String keyword = response.keyword();
        if (!response.untagged() || !(keyword.equals("OK") || keyword.equals("PREAUTH"))) {
            closeWith(keyword.equals("BYE") ? new IMAP4Exception("greeting", "BYE", response.code(), response.text())
                    : new IllegalServerResponseException("the greeting must be * OK or * PREAUTH"));
            return;
        }
        this.greeting = response.text();
        this.timer.cancel();
        List<Deferred<String>> waiters = List.copyOf(this.greetingWaiters);
        this.greetingWaiters.clear();
        waiters.forEach(waiter -> waiter.callback(response.text()));
        flush();
    }

    private void continuationReceived(@Nullable Command current, ServerResponse response) {
        if (current != null && current.sent < current.pieces.size()) {
            this.transport.write(current.pieces.get(current.sent++));
        }
        else if (current != null && current.onContinuation != null) {
            Objects.requireNonNull(current.onContinuation).accept(response);
        }
        else {
            closeWith(new IllegalServerResponseException("a continuation request nothing waits for"));
        }
    }

    private void untaggedReceived(@Nullable Command current, ServerResponse response) {
        String keyword = response.keyword();
        boolean mailboxEvent = keyword.equals("EXISTS") || keyword.equals("EXPUNGE") || keyword.equals("FETCH");
        if (current != null && (!mailboxEvent || current.solicited.contains(keyword))) {
            current.untagged.add(response);
            return;
        }
        if (mailboxEvent) {
            if (response.number() < 0) {
                closeWith(new IllegalServerResponseException(keyword + " without a number"));
                return;
            }
            UntaggedListener target = (this.idleListener != null) ? this.idleListener : this.listener;
            try {
                switch (keyword) {
                    case "EXISTS" -> target.exists(response.number());
                    case "EXPUNGE" -> target.expunge(response.number());
                    default -> target.fetch(response.number(), FetchResponses.items(response.values()));
                }
            }
            catch (IllegalServerResponseException ex) {
                throw ex;
            }
            catch (RuntimeException ex) {
                log.warn("{}: the untagged listener failed on {}", this.transport.logPrefix(), keyword, ex);
            }
        }
    }

    private void completed(Command current, ServerResponse response) {
        this.inFlight = null;
        this.idleListener = null;
        this.timer.cancel();
        if (!response.keyword().equals("OK")) {
            current.deferred.errback(new IMAP4Exception(current.name, response.keyword(), response.code(),
                    response.text()));
            flush();
            return;
        }
        Object result;
        try {
            result = current.handler.apply(new Done(current.untagged, response));
        }
        catch (IllegalServerResponseException ex) {
            this.inFlight = current;
            closeWith(ex);
            return;
        }
        current.deferred.callback(result);
        flush();
    }

    private @Nullable Object noteCapabilities(Done done) {
        return null;
    }

    private void noteCapabilityCode(ServerResponse response) {
        if (response.codeName().equals("CAPABILITY")) {
            String code = Objects.requireNonNull(response.code());
            Set<String> caps = new LinkedHashSet<>();
            for (String word : code.split(" ")) {
                if (!word.isEmpty()) {
                    caps.add(word.toUpperCase(Locale.ROOT));
                }
            }
            caps.remove("CAPABILITY");
            this.capabilities = Collections.unmodifiableSet(caps);
        }
    }

    // ------------------------------------------------------------------ queue

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> send(Command command) {
        if (this.closed) {
            return Deferred.fail(new ConnectionLostException(
                    new IllegalStateException(command.name + " refused: the connection is closed")));
        }
        this.queue.add(command);
        flush();
        return (Deferred<T>) (Deferred<?>) command.deferred;
    }

    private void flush() {
        while (!this.closed && this.greeting != null && this.inFlight == null && !this.queue.isEmpty()) {
            Command command = this.queue.poll();
            List<byte[]> pieces;
            try {
                pieces = command.build.get();
            }
            catch (RuntimeException ex) {
                command.deferred.errback(ex);
                continue;
            }
            command.tag = String.format(Locale.ROOT, "A%04d", this.nextTag++);
            command.pieces = pieces;
            command.sent = 1;
            this.inFlight = command;
            this.timer.setTimeout(this.options.timeout());
            this.transport.write(join(bytes(command.tag + " "), pieces.get(0)));
        }
    }

    private void timedOut() {
        if (!this.closed) {
            log.info("{}: no response within {}; closing the connection", this.transport.logPrefix(),
                    this.options.timeout());
            closeWith(new DeferredTimeoutException(this.options.timeout()));
        }
    }

    /** Fails the command in flight with {@code error}, the rest as lost, and closes. */
    private void closeWith(Throwable error) {
        log.debug("{}: closing the connection: {}", this.transport.logPrefix(), error.getMessage());
        this.closed = true;
        this.timer.cancel();
        failAll(error, new ConnectionLostException(error));
        this.transport.loseConnection();
    }

    private void failAll(@Nullable Throwable headError, Throwable others) {
        if (this.greeting == null && this.greetingError == null) {
            Throwable error = (headError != null) ? headError : others;
            this.greetingError = error;
            List<Deferred<String>> waiters = List.copyOf(this.greetingWaiters);
            this.greetingWaiters.clear();
            waiters.forEach(waiter -> waiter.errback(error));
        }
        Command head = this.inFlight;
        this.inFlight = null;
        List<Command> rest = new ArrayList<>(this.queue);
        this.queue.clear();
        if (head != null) {
            head.deferred.errback((headError != null) ? headError : others);
        }
        rest.forEach(command -> command.deferred.errback(others));
    }

    // ------------------------------------------------------------------ helpers

    private Command simple(String name, Line line, Function<Done, @Nullable Object> handler) {
        return new Command(name, line::pieces, handler);
    }

    private List<byte[]> pieces(String verb) {
        return new Line(verb).pieces();
    }

    private void requireSecureOrAllowed() {
        boolean secure = this.transport instanceof TCPTransport tcp && tcp.isSecure();
        if (!secure && !this.options.allowInsecureLogin()) {
            throw new InsecureLoginException();
        }
    }

    private static <T> Deferred<T> wiping(Deferred<T> result, char[] secret) {
        result.addBoth(value -> {
            Arrays.fill(secret, '\0');
            return value;
        });
        return result;
    }

    private static byte[] utf8(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    private static String[] checked(String... words) {
        for (String word : words) {
            checkedText(word);
        }
        return words;
    }

    private static String checkedText(String text) {
        Objects.requireNonNull(text, "argument");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument must not hold CR, LF or NUL");
        }
        return text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** A command's successful completion and the untagged responses that came with it. */
    record Done(List<ServerResponse> untagged, ServerResponse completion) {
    }

    /**
     * A command line under construction: pieces split after each synchronising literal; with
     * LITERAL+ ({@code {n+}}) nothing is split. The tag is put in front when the command is sent.
     */
    private final class Line {

        private final List<byte[]> pieces = new ArrayList<>();

        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        private final List<Runnable> steps = new ArrayList<>();

        Line(String verb) {
            this.steps.add(() -> write(bytes(verb)));
        }

        Line space() {
            this.steps.add(() -> write(new byte[] { ' ' }));
            return this;
        }

        Line raw(String text) {
            this.steps.add(() -> write(bytes(text)));
            return this;
        }

        Line mailbox(String name) {
            String encoded = ModifiedUtf7.encode(Objects.requireNonNull(name, "mailbox"));
            this.steps.add(() -> {
                if (!this.current.toString(StandardCharsets.ISO_8859_1).endsWith(" ")) {
                    write(new byte[] { ' ' });
                }
                writeAstring(bytes(encoded));
            });
            return this;
        }

        Line astring(String text) {
            byte[] value = bytes(Objects.requireNonNull(text, "text"));
            this.steps.add(() -> {
                write(new byte[] { ' ' });
                writeAstring(value);
            });
            return this;
        }

        /** Written at once: the bytes are a secret the caller wipes. */
        Line astring(byte[] secret) {
            runSteps();
            writeAstring(secret);
            return this;
        }

        Line literal(byte[] data) {
            this.steps.add(() -> writeLiteral(data));
            return this;
        }

        List<byte[]> pieces() {
            runSteps();
            this.current.write(CRLF, 0, 2);
            this.pieces.add(this.current.toByteArray());
            this.current.reset();
            return this.pieces;
        }

        private void runSteps() {
            List<Runnable> todo = List.copyOf(this.steps);
            this.steps.clear();
            todo.forEach(Runnable::run);
        }

        private void writeAstring(byte[] value) {
            boolean quotable = value.length < 1000;
            for (byte b : value) {
                if (b < 0x20 || b == 0x7f) {
                    quotable = false;
                }
            }
            if (!quotable) {
                writeLiteral(value);
                return;
            }
            this.current.write('"');
            for (byte b : value) {
                if (b == '"' || b == '\\') {
                    this.current.write('\\');
                }
                this.current.write(b);
            }
            this.current.write('"');
        }

        private void writeLiteral(byte[] data) {
            Set<String> caps = IMAP4Client.this.capabilities;
            boolean plus = caps != null && caps.contains("LITERAL+");
            write(bytes("{" + data.length + (plus ? "+}" : "}")));
            write(CRLF);
            if (!plus) {
                this.pieces.add(this.current.toByteArray());
                this.current.reset();
            }
            write(data);
        }

        private void write(byte[] data) {
            this.current.write(data, 0, data.length);
        }
    }

    /** One command, queued, then in flight. */
    private static final class Command {

        final String name;

        final Supplier<List<byte[]>> build;

        final Function<Done, @Nullable Object> handler;

        final Deferred<Object> deferred = new Deferred<>();

        final List<ServerResponse> untagged = new ArrayList<>();

        Set<String> solicited = Set.of();

        java.util.function.@Nullable Consumer<ServerResponse> onContinuation;

        String tag = "";

        List<byte[]> pieces = List.of();

        int sent;

        Command(String name, Supplier<List<byte[]>> build, Function<Done, @Nullable Object> handler) {
            this.name = name;
            this.build = build;
            this.handler = handler;
        }

        @SuppressWarnings("unchecked")
        <T> Deferred<T> result() {
            return (Deferred<T>) (Deferred<?>) this.deferred;
        }
    }
}
