package twisted.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.cred.Credentials;
import twisted.cred.LoginFailedException;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.LoginThrottledException;
import twisted.cred.Portal;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.IPAddress;
import twisted.internet.ShutdownNotice;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.protocols.basic.LineReceiver;
import twisted.time.DelayedCall;

/**
 * The SMTP server protocol (RFC 5321) with ESMTP's SIZE (RFC 1870), 8BITMIME (RFC 6152),
 * PIPELINING (RFC 2920), ENHANCEDSTATUSCODES (RFC 2034 and 3463), STARTTLS (RFC 3207) and AUTH
 * PLAIN and LOGIN (RFC 4954) through a {@link Portal}. Built by {@link SMTPFactory}, one per
 * connection. Twisted: {@code twisted.mail.smtp.ESMTP}.
 *
 * <h2>Commands</h2>
 * {@code HELO}, {@code EHLO}, {@code MAIL FROM:<...> [SIZE=n] [BODY=7BIT|8BITMIME]},
 * {@code RCPT TO:<...>}, {@code DATA}, {@code RSET}, {@code NOOP} (250), {@code VRFY} (252),
 * {@code HELP} (214), {@code QUIT} (221), {@code STARTTLS} (when the factory has TLS options and
 * the connection is not yet secure) and {@code AUTH} (when the factory has a portal, and only
 * over TLS unless {@link SMTPSettings#allowAuthWithoutTls()}). An unknown command gets
 * {@code 500 5.5.2}, one out of sequence {@code 503 5.5.1}, bad arguments {@code 501 5.5.4}.
 * After {@code EHLO} every reply carries an enhanced status code, except those RFC 2034 exempts
 * (the greeting and the replies to {@code EHLO}/{@code HELO}) and the {@code 334}/{@code 354}
 * prompts.
 *
 * <h2>Pipelining</h2>
 * Commands are run strictly in the order they came and answered in that order: while
 * {@code validateFrom}, {@code validateTo}, a login or the storing of a message is pending, the
 * protocol stops delivering lines ({@link #pauseProducing()}) and resumes once it has answered.
 * Twisted answers out of order there (its bug #8126).
 *
 * <h2>DATA</h2>
 * Read by a byte-level reader (see {@code DataReader}): lines end at CR LF only, a line that
 * begins with a dot loses it, and the message ends only at CR LF {@code .} CR LF. <b>A bare LF or
 * bare CR anywhere in the message makes it refused</b> with {@code 554 5.6.0} once it ends (the
 * behaviour RFC 5321 section 2.3.8 allows and the SMTP smuggling advisories of 2023 recommend):
 * such bytes never end a line or the message here, and since the message is refused, no other
 * server downstream reads them differently. The {@code Received} header from
 * {@link MessageDelivery#receivedHeader} is written first. A message larger than the limit gets
 * {@code 552 5.3.4}, one with a line longer than the limit {@code 500 5.5.2}; in both cases, and
 * for bare line endings, the writers are dropped ({@link MessageWriter#connectionLost()}) at the
 * first offending byte and nothing more is written. Otherwise each writer's
 * {@link MessageWriter#eomReceived()} is called and only when all have fired does the client get
 * {@code 250}; a failure gives the {@link SMTPException}'s reply or {@code 451 4.3.0}.
 *
 * <h2>Limits</h2>
 * Recipients per message ({@code 452 4.5.3}), message size ({@code 552 5.3.4}, up front from
 * {@code SIZE=} too), command line length ({@code 500 5.5.2 Line too long}; the rest of the
 * line up to its CR LF is discarded and the session continues), failed commands
 * ({@code 421 4.7.0} then close) and idle time ({@code 421 4.4.2} then close; time spent
 * waiting for the delivery does not count).
 *
 * <p>When its service stops, the server says {@code 421 4.3.2} before the connection closes
 * (RFC 5321 section 3.8), so a client mid-transaction knows to try again later; a message already
 * answered {@code 250} is stored. When the service drains first ({@link #drainStarted()}), an idle
 * session gets that {@code 421} and is closed at once, while a transaction in flight (from
 * {@code MAIL} to the reply after the final dot, an AUTH exchange, a pending check) goes on to its
 * reply; the next command then gets the {@code 421} ({@code QUIT} its {@code 221}) and the
 * connection closes.
 *
 * <h2>Credentials</h2>
 * AUTH lines are decoded and handed to the portal only; they are never logged, at any level.
 *
 * @since 0.1.0
 */
public class ESMTP extends LineReceiver implements ShutdownNotice {

    private static final Logger log = LoggerFactory.getLogger(ESMTP.class);

    private enum Sasl { PLAIN, LOGIN_USER, LOGIN_PASSWORD }

    private final SMTPFactory factory;

    private final SMTPSettings settings;

    private MessageDelivery delivery;

    private String peerHost = "unknown";

    private @Nullable Helo helo;

    private boolean ehlo;

    private @Nullable Address from;

    private final List<User> recipients = new ArrayList<>();

    private final List<Supplier<MessageWriter>> messages = new ArrayList<>();

    private @Nullable List<MessageWriter> writers;

    private @Nullable DataReader reader;

    private @Nullable LongLine longLine;

    private @Nullable Sasl sasl;

    private @Nullable String saslUser;

    private @Nullable String authenticated;

    private @Nullable Runnable logout;

    private int badCommands;

    private int waiting;

    private boolean closed;

    /** The service drains: the next command outside a transaction gets {@code 421}. */
    private boolean draining;

    private @Nullable DelayedCall idleTimer;

    /**
     * Creates the protocol for one connection.
     *
     * @param factory the factory with the settings, the delivery, the portal and TLS
     */
    public ESMTP(SMTPFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.settings = factory.getSettings();
        this.delivery = factory.delivery();
        setMaxLength(this.settings.maxLineLength());
        setCharset(StandardCharsets.ISO_8859_1);
    }

    /** Sends the {@code 220} greeting and starts the idle timer. */
    @Override
    public void connectionMade() {
        if (this.transport.getPeer() instanceof IPAddress ip) {
            this.peerHost = ip.host();
        }
        resetIdleTimer();
        sendLine("220 " + this.settings.hostname() + " ESMTP ready");
    }

    /** Drops a message being received, stops the timer and logs out. */
    @Override
    public void connectionLost(Failure reason) {
        this.closed = true;
        if (this.idleTimer != null && this.idleTimer.active()) {
            this.idleTimer.cancel();
        }
        dropWriters();
        logOut();
    }

    // ------------------------------------------------------------------ input

    @Override
    public void lineReceived(byte[] line) {
        resetIdleTimer();
        if (this.sasl != null) {
            saslResponse(new String(line, StandardCharsets.ISO_8859_1));
            return;
        }
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        String verb = ((space < 0) ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String arg = (space < 0) ? "" : text.substring(space + 1);
        if (this.draining && !inTransaction()) {
            if (verb.equals("QUIT")) {
                reply(221, "2.0.0", "Bye");
                close();
            }
            else {
                shutDown();
            }
            return;
        }
        switch (verb) {
            case "HELO" -> helo(arg, false);
            case "EHLO" -> helo(arg, true);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> data(arg);
            case "RSET" -> {
                if (!arg.isEmpty()) {
                    fail(501, "5.5.4", "Syntax: RSET");
                    return;
                }
                resetTransaction();
                reply(250, "2.0.0", "OK");
            }
            case "NOOP" -> reply(250, "2.0.0", "OK");
            case "VRFY" -> {
                if (arg.isBlank()) {
                    fail(501, "5.5.4", "Syntax: VRFY <address>");
                    return;
                }
                reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
            }
            case "EXPN" -> fail(502, "5.5.1", "EXPN not supported");
            case "HELP" -> reply(214, "2.0.0", "Commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT"
                    + (tlsOffered() ? " STARTTLS" : "") + (this.factory.portal() != null ? " AUTH" : ""));
            case "QUIT" -> {
                reply(221, "2.0.0", "Bye");
                close();
            }
            case "STARTTLS" -> startTls(arg);
            case "AUTH" -> auth(arg);
            default -> fail(500, "5.5.2", "Command unrecognized");
        }
    }

    @Override
    public void rawDataReceived(byte[] data) {
        resetIdleTimer();
        LongLine discarding = this.longLine;
        if (discarding != null) {
            int end = discarding.scan(data, 0);
            if (end >= 0) {
                this.longLine = null;
                setLineMode(Arrays.copyOfRange(data, end, data.length));
                fail(500, "5.5.2", "Line too long");
            }
            return;
        }
        DataReader message = Objects.requireNonNull(this.reader, "reader");
        boolean failedBefore = message.failed();
        int end = message.feed(data, 0);
        if (!failedBefore && message.failed()) {
            dropWriters();
        }
        if (end >= 0) {
            this.reader = null;
            setLineMode(Arrays.copyOfRange(data, end, data.length));
            endOfMessage(message);
        }
    }

    /**
     * A command line is longer than {@link SMTPSettings#maxLineLength()}: the rest of it, up to
     * its CR LF, is discarded, then the client gets {@code 500 5.5.2 Line too long} and the
     * session goes on with the next line.
     */
    @Override
    public void lineLengthExceeded(byte[] line) {
        this.sasl = null;
        this.saslUser = null;
        LongLine discarding = new LongLine();
        int end = discarding.scan(line, 0);
        if (end >= 0) {
            setLineMode(Arrays.copyOfRange(line, end, line.length));
            fail(500, "5.5.2", "Line too long");
        }
        else {
            this.longLine = discarding;
            setRawMode();
        }
    }

    // --------------------------------------------------------------- commands

    private void helo(String arg, boolean extended) {
        String name = arg.trim();
        // the name is echoed in the reply and the Received header: printable ASCII only, so a
        // CR, LF or NUL in it cannot forge a reply line or a header (found by SMTPServerFuzzTests)
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            fail(501, "5.5.4", "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
            return;
        }
        resetTransaction();
        this.helo = new Helo(name, this.peerHost);
        this.ehlo = extended;
        if (!extended) {
            sendLine("250 " + this.settings.hostname());
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(this.settings.hostname() + " Hello " + name);
        lines.add("SIZE " + this.settings.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("PIPELINING");
        lines.add("ENHANCEDSTATUSCODES");
        if (tlsOffered()) {
            lines.add("STARTTLS");
        }
        if (authOffered()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        for (int i = 0; i < lines.size(); i++) {
            sendLine("250" + ((i == lines.size() - 1) ? " " : "-") + lines.get(i));
        }
    }

    private void mail(String arg) {
        Helo client = this.helo;
        if (client == null) {
            fail(503, "5.5.1", "Send HELO/EHLO first");
            return;
        }
        if (this.from != null) {
            fail(503, "5.5.1", "Nested MAIL command");
            return;
        }
        Path path = Path.parse(arg, "FROM:");
        if (path == null) {
            fail(501, "5.5.4", "Syntax: MAIL FROM:<address>");
            return;
        }
        if (!path.params().isEmpty() && !this.ehlo) {
            fail(555, "5.5.4", "MAIL parameters need EHLO");
            return;
        }
        for (String param : path.params()) {
            int eq = param.indexOf('=');
            String key = ((eq < 0) ? param : param.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = (eq < 0) ? "" : param.substring(eq + 1);
            if (key.equals("SIZE")) {
                if (!value.matches("[0-9]{1,20}")) {
                    fail(501, "5.5.4", "Bad SIZE parameter");
                    return;
                }
                if (value.length() > 18 || Long.parseLong(value) > this.settings.maxMessageSize()) {
                    reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
                    return;
                }
            }
            else if (key.equals("BODY")) {
                String body = value.toUpperCase(Locale.ROOT);
                if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                    fail(501, "5.5.4", "Bad BODY parameter");
                    return;
                }
            }
            else {
                fail(555, "5.5.4", "Unsupported MAIL parameter");
                return;
            }
        }
        Deferred<Address> validated;
        try {
            validated = this.delivery.validateFrom(client, path.address());
        }
        catch (RuntimeException e) {
            validated = Deferred.fail(e);
        }
        await(validated, sender -> {
            this.from = sender;
            reply(250, "2.1.0", "Sender <" + sender + "> OK");
        }, failure -> refused(failure, "sender"));
    }

    private void rcpt(String arg) {
        Helo client = this.helo;
        Address sender = this.from;
        if (client == null || sender == null) {
            fail(503, "5.5.1", "Need MAIL command");
            return;
        }
        Path path = Path.parse(arg, "TO:");
        if (path == null || path.address().isNull()) {
            fail(501, "5.5.4", "Syntax: RCPT TO:<address>");
            return;
        }
        if (!path.params().isEmpty()) {
            fail(555, "5.5.4", "Unsupported RCPT parameter");
            return;
        }
        if (this.recipients.size() >= this.settings.maxRecipients()) {
            reply(452, "4.5.3", "Too many recipients");
            return;
        }
        User user = new User(path.address(), client, sender);
        Deferred<Supplier<MessageWriter>> validated;
        try {
            validated = this.delivery.validateTo(user);
        }
        catch (RuntimeException e) {
            validated = Deferred.fail(e);
        }
        await(validated, message -> {
            this.recipients.add(user);
            this.messages.add(message);
            reply(250, "2.1.5", "Recipient <" + user.dest() + "> OK");
        }, failure -> refused(failure, "recipient"));
    }

    private void data(String arg) {
        Helo client = this.helo;
        Address sender = this.from;
        if (!arg.isEmpty()) {
            fail(501, "5.5.4", "Syntax: DATA");
            return;
        }
        if (client == null || sender == null) {
            fail(503, "5.5.1", "Need MAIL command");
            return;
        }
        if (this.recipients.isEmpty()) {
            fail(554, "5.5.1", "No valid recipients");
            return;
        }
        List<MessageWriter> opened = new ArrayList<>();
        List<byte[]> header = new ArrayList<>();
        try {
            for (Supplier<MessageWriter> message : this.messages) {
                opened.add(Objects.requireNonNull(message.get(), "message writer"));
            }
            String received = this.delivery.receivedHeader(client, sender, List.copyOf(this.recipients));
            for (String line : received.split("\r\n", -1)) {
                header.add(line.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        catch (RuntimeException e) {
            log.warn("{}: could not start a message", logPrefix(), e);
            opened.forEach(ESMTP::drop);
            resetTransaction();
            reply(451, "4.3.0", "Error: cannot take the message now, try again later");
            return;
        }
        this.writers = opened;
        for (byte[] line : header) {
            write(line);
        }
        this.reader = new DataReader(this.settings.maxDataLineLength(), this.settings.maxMessageSize(), this::write);
        sendLine("354 End data with <CR><LF>.<CR><LF>");
        setRawMode();
    }

    private void endOfMessage(DataReader message) {
        List<MessageWriter> open = this.writers;
        this.writers = null;
        resetTransaction();
        if (message.bareLineEnding()) {
            reply(554, "5.6.0", "Message refused: bare CR or LF in the message (RFC 5321 section 2.3.8)");
            return;
        }
        if (message.tooBig()) {
            reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            return;
        }
        if (message.lineTooLong()) {
            reply(500, "5.5.2", "Line too long");
            return;
        }
        Objects.requireNonNull(open, "writers");
        Deferred<List<MessageReceipt>> stored = allStored(open);
        await(stored, receipts -> {
            log.debug("{}: message of {} bytes stored for {} recipient(s)", logPrefix(), message.size(),
                    receipts.size());
            reply(250, "2.0.0", "OK: queued as " + receipts.get(0).id());
        }, failure -> {
            if (failure.value() instanceof SMTPException refusal) {
                reply(refusal.getCode(), refusal.getEnhancedCode(), refusal.getMessage());
            }
            else {
                log.warn("{}: a message could not be stored: {}", logPrefix(), failure.getErrorMessage());
                reply(451, "4.3.0", "Error: message not stored, try again later");
            }
        });
    }

    private static Deferred<List<MessageReceipt>> allStored(List<MessageWriter> open) {
        Deferred<List<MessageReceipt>> all = new Deferred<>();
        MessageReceipt[] receipts = new MessageReceipt[open.size()];
        int[] remaining = {open.size()};
        Failure[] firstFailure = {null};
        for (int i = 0; i < open.size(); i++) {
            int index = i;
            Deferred<MessageReceipt> one;
            try {
                one = Objects.requireNonNull(open.get(i).eomReceived(), "eomReceived");
            }
            catch (RuntimeException e) {
                one = Deferred.fail(e);
            }
            one.addCallbacks(receipt -> {
                receipts[index] = receipt;
                settle(all, receipts, remaining, firstFailure);
                return null;
            }, failure -> {
                if (firstFailure[0] == null) {
                    firstFailure[0] = failure;
                }
                settle(all, receipts, remaining, firstFailure);
                return null;
            });
        }
        return all;
    }

    private static void settle(Deferred<List<MessageReceipt>> all, MessageReceipt[] receipts, int[] remaining,
            Failure[] firstFailure) {
        if (--remaining[0] > 0) {
            return;
        }
        if (firstFailure[0] != null) {
            all.errback(firstFailure[0]);
        }
        else {
            all.callback(Arrays.asList(receipts));
        }
    }

    private void startTls(String arg) {
        TlsOptions tls = this.factory.tls();
        if (tls == null || !(this.transport instanceof TCPTransport tcp)) {
            fail(502, "5.5.1", "STARTTLS not available");
            return;
        }
        if (tcp.isSecure()) {
            fail(503, "5.5.1", "TLS already active");
            return;
        }
        if (!arg.isEmpty()) {
            fail(501, "5.5.4", "Syntax: STARTTLS");
            return;
        }
        reply(220, "2.0.0", "Ready to start TLS");
        // RFC 3207 section 4.2 and CVE-2011-0411: what came after STARTTLS in plain text must not
        // be run as if it had come over TLS.
        byte[] injected = clearLineBuffer();
        if (injected.length > 0) {
            log.debug("{}: discarded {} bytes sent after STARTTLS before TLS", logPrefix(), injected.length);
        }
        tcp.startTLS(tls);
        // RFC 3207 section 4.2: forget what the client said before TLS
        resetTransaction();
        this.helo = null;
        this.ehlo = false;
        logOut();
    }

    // ------------------------------------------------------------------- AUTH

    private void auth(String arg) {
        if (this.factory.portal() == null) {
            fail(502, "5.5.1", "AUTH not available");
            return;
        }
        if (!authOffered()) {
            fail(538, "5.7.11", "Encryption required for requested authentication mechanism");
            return;
        }
        if (this.helo == null || !this.ehlo) {
            fail(503, "5.5.1", "Send EHLO first");
            return;
        }
        if (this.authenticated != null) {
            fail(503, "5.5.1", "Already authenticated");
            return;
        }
        if (this.from != null) {
            fail(503, "5.5.1", "AUTH not permitted during a mail transaction");
            return;
        }
        String[] parts = arg.trim().split(" +");
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (parts.length > 2 || mechanism.isEmpty()) {
            fail(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
            return;
        }
        switch (mechanism) {
            case "PLAIN" -> {
                this.sasl = Sasl.PLAIN;
                if (parts.length == 2) {
                    saslResponse(parts[1]);
                }
                else {
                    sendLine("334 ");
                }
            }
            case "LOGIN" -> {
                this.sasl = Sasl.LOGIN_USER;
                if (parts.length == 2) {
                    saslResponse(parts[1]);
                }
                else {
                    sendLine("334 VXNlcm5hbWU6");
                }
            }
            default -> fail(504, "5.5.4", "Unrecognized authentication type");
        }
    }

    /** One SASL response line; its content never reaches a log. */
    private void saslResponse(String line) {
        Sasl step = Objects.requireNonNull(this.sasl, "sasl");
        if (line.equals("*")) {
            this.sasl = null;
            this.saslUser = null;
            fail(501, "5.7.0", "Authentication cancelled");
            return;
        }
        byte[] decoded;
        try {
            decoded = line.equals("=") ? new byte[0] : Base64.getDecoder().decode(line);
        }
        catch (IllegalArgumentException e) {
            this.sasl = null;
            this.saslUser = null;
            fail(501, "5.5.2", "Cannot decode response");
            return;
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        switch (step) {
            case PLAIN -> {
                this.sasl = null;
                String[] fields = text.split("\0", -1);
                if (fields.length != 3 || fields[1].isEmpty()
                        || (!fields[0].isEmpty() && !fields[0].equals(fields[1]))) {
                    fail(535, "5.7.8", "Authentication credentials invalid");
                    return;
                }
                login(fields[1], fields[2]);
            }
            case LOGIN_USER -> {
                this.saslUser = text;
                this.sasl = Sasl.LOGIN_PASSWORD;
                sendLine("334 UGFzc3dvcmQ6");
            }
            case LOGIN_PASSWORD -> {
                this.sasl = null;
                String user = Objects.requireNonNull(this.saslUser, "saslUser");
                this.saslUser = null;
                login(user, text);
            }
            default -> throw new IllegalStateException();
        }
    }

    private void login(String user, String password) {
        Portal portal = Objects.requireNonNull(this.factory.portal(), "portal");
        LoginThrottle throttle = this.factory.throttle();
        Credentials credentials = new UsernamePassword(user, password);
        Deferred<LoginResult> result = (throttle != null)
                ? throttle.login(portal, this.transport.getPeer(), credentials, null, MessageDelivery.class,
                        Object.class)
                : portal.login(credentials, null, MessageDelivery.class, Object.class);
        result.addCallback(login -> {
            if (this.closed) {
                // the connection went away while the login was checked: end the session now
                login.logout().run();
            }
            return login;
        });
        await(result, login -> {
            this.authenticated = user;
            this.logout = login.logout();
            if (login.avatar() instanceof MessageDelivery avatarDelivery) {
                this.delivery = avatarDelivery;
            }
            reply(235, "2.7.0", "Authentication successful");
        }, failure -> {
            if (failure.value() instanceof LoginThrottledException) {
                reply(454, "4.7.0", "Temporary authentication failure: too many failures, try later");
            }
            else if (failure.value() instanceof LoginFailedException) {
                fail(535, "5.7.8", "Authentication credentials invalid");
            }
            else {
                log.warn("{}: AUTH could not be checked: {}", logPrefix(), failure.type().getName());
                reply(454, "4.7.0", "Temporary authentication failure");
            }
        });
    }

    private void logOut() {
        Runnable pending = this.logout;
        this.logout = null;
        this.authenticated = null;
        if (pending != null) {
            pending.run();
        }
    }

    /**
     * The user name of the AUTH login, if any.
     *
     * @return the user, or {@code null} before a successful AUTH
     */
    public @Nullable String getAuthenticatedUser() {
        return this.authenticated;
    }

    // ---------------------------------------------------------------- helpers

    private boolean tlsOffered() {
        return this.factory.tls() != null && this.transport instanceof TCPTransport tcp && !tcp.isSecure();
    }

    private boolean authOffered() {
        return this.factory.portal() != null && (this.settings.allowAuthWithoutTls()
                || (this.transport instanceof TCPTransport tcp && tcp.isSecure()));
    }

    private void refused(Failure failure, String what) {
        if (failure.value() instanceof SMTPException refusal) {
            reply(refusal.getCode(), refusal.getEnhancedCode(), refusal.getMessage());
        }
        else {
            log.warn("{}: checking a {} failed: {}", logPrefix(), what, failure.getErrorMessage());
            reply(451, "4.3.0", "Error: cannot check the " + what + " now, try again later");
        }
    }

    /**
     * Runs {@code ok} or {@code error} when the Deferred fires; until then no more input is
     * delivered, so pipelined commands wait their turn and replies keep their order.
     */
    private <T> void await(Deferred<T> deferred, Consumer<T> ok, Consumer<Failure> error) {
        boolean[] fired = {false};
        boolean[] paused = {false};
        deferred.addCallbacks(result -> {
            fired[0] = true;
            if (!this.closed) {
                ok.accept(result);
            }
            resumeAfter(paused);
            return null;
        }, failure -> {
            fired[0] = true;
            if (!this.closed) {
                error.accept(failure);
            }
            resumeAfter(paused);
            return null;
        });
        if (!fired[0]) {
            paused[0] = true;
            this.waiting++;
            pauseProducing();
        }
    }

    private void resumeAfter(boolean[] paused) {
        if (paused[0]) {
            paused[0] = false;
            this.waiting--;
            if (!this.closed) {
                resetIdleTimer();
                resumeProducing();
            }
        }
    }

    private void write(byte[] line) {
        List<MessageWriter> open = this.writers;
        if (open == null) {
            return;
        }
        for (int i = 0; i < open.size(); i++) {
            open.get(i).lineReceived((i == open.size() - 1) ? line : line.clone());
        }
    }

    private void dropWriters() {
        List<MessageWriter> open = this.writers;
        this.writers = null;
        if (open != null) {
            open.forEach(ESMTP::drop);
        }
    }

    private static void drop(MessageWriter writer) {
        try {
            writer.connectionLost();
        }
        catch (RuntimeException e) {
            log.warn("a message writer failed to drop its message", e);
        }
    }

    private void resetTransaction() {
        this.from = null;
        this.recipients.clear();
        this.messages.clear();
        dropWriters();
    }

    private void reply(int code, String enhanced, String text) {
        sendLine(code + " " + (this.ehlo ? enhanced + " " : "") + text);
    }

    /** A reply that counts as a failed command: too many of them end the session. */
    private void fail(int code, String enhanced, String text) {
        reply(code, enhanced, text);
        this.badCommands++;
        if (this.badCommands >= this.settings.maxBadCommands() && !this.closed) {
            reply(421, "4.7.0", this.settings.hostname() + " Error: too many errors, closing connection");
            close();
        }
    }

    private void close() {
        this.sasl = null;
        this.saslUser = null;
        dropWriters();
        this.transport.loseConnection();
    }

    private void resetIdleTimer() {
        DelayedCall timer = this.idleTimer;
        if (timer != null && timer.active()) {
            timer.reset(this.settings.idleTimeout());
        }
        else if (!this.closed) {
            this.idleTimer = this.factory.clock().callLater(this.settings.idleTimeout(), this::timedOut);
        }
    }

    /**
     * The service drains: an idle session gets {@code 421 4.3.2} and is closed now; one with a
     * transaction in flight finishes it, and its next command gets the {@code 421}.
     */
    @Override
    public void drainStarted() {
        if (this.closed || this.transport.isDisconnecting()) {
            return;
        }
        this.draining = true;
        if (!inTransaction()) {
            shutDown();
        }
    }

    /** The service is stopping: {@code 421 4.3.2}, then the service closes the connection. */
    @Override
    public void serviceStopping() {
        if (this.closed || this.transport.isDisconnecting()) {
            return;
        }
        reply(421, "4.3.2", this.settings.hostname() + " Service shutting down, closing channel");
    }

    /**
     * Whether the client is mid-way through something the server has to answer: a mail
     * transaction (from {@code MAIL} to the reply after the final dot), an AUTH exchange, a long
     * line being discarded, or a check or store the server waits for.
     */
    private boolean inTransaction() {
        return this.from != null || this.reader != null || this.sasl != null || this.longLine != null
                || this.waiting > 0;
    }

    /** {@code 421 4.3.2} and close: the service is shutting down. */
    private void shutDown() {
        serviceStopping();
        close();
    }

    private void timedOut() {
        if (this.closed || this.transport.isDisconnecting()) {
            return;
        }
        if (this.waiting > 0) {
            // the server is waiting for its delivery, not for the client
            this.idleTimer = this.factory.clock().callLater(this.settings.idleTimeout(), this::timedOut);
            return;
        }
        reply(421, "4.4.2", this.settings.hostname() + " Error: timeout exceeded");
        close();
    }

    /** A path argument of MAIL or RCPT: {@code FROM:<address> PARAM=value ...}. */
    private record Path(Address address, List<String> params) {

        static @Nullable Path parse(String arg, String keyword) {
            if (arg.length() < keyword.length() || !arg.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return null;
            }
            String rest = arg.substring(keyword.length()).stripLeading();
            if (!rest.startsWith("<")) {
                return null;
            }
            int close = -1;
            boolean quoted = false;
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                }
                else if (c == '>' && !quoted) {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                return null;
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && after.charAt(0) != ' ') {
                return null;
            }
            List<String> params = new ArrayList<>();
            for (String param : after.trim().split(" +")) {
                if (!param.isEmpty()) {
                    params.add(param);
                }
            }
            try {
                return new Path(Address.parse(rest.substring(1, close)), params);
            }
            catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Finds the CR LF that ends a line too long to keep. */
    private static final class LongLine {

        private boolean pendingCR;

        /** Returns the index just after the CR LF, or -1 when not in {@code data}. */
        int scan(byte[] data, int offset) {
            for (int i = offset; i < data.length; i++) {
                if (this.pendingCR && data[i] == '\n') {
                    return i + 1;
                }
                this.pendingCR = data[i] == '\r';
            }
            return -1;
        }
    }
}
