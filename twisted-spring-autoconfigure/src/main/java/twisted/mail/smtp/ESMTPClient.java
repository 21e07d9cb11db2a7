package twisted.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.protocols.basic.LineReceiver;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * The client side of one SMTP session (RFC 5321) that sends one message: greeting, {@code EHLO}
 * ({@code HELO} when the server answers 5xx), {@code STARTTLS} (RFC 3207) and {@code EHLO} again,
 * {@code AUTH PLAIN} or {@code LOGIN} (RFC 4954), {@code MAIL FROM} with {@code SIZE=} (RFC 1870) and
 * {@code BODY=8BITMIME} (RFC 6152) when they apply, one {@code RCPT TO} per recipient, {@code DATA},
 * the message, {@code QUIT}. Most users call {@link SMTPSender#sendmail}, which connects one of these;
 * build one directly to run it on a transport of your own (a test's {@code StringTransport}).
 *
 * <pre>{@code
 * ESMTPClient client = new ESMTPClient(options, reactor, "smtp.example.com",
 *         "me@example.com", List.of("you@example.org"), message);
 * Endpoints.connectProtocol(endpoint, client);
 * client.deferred().addCallback(sent -> ...);   // a SentMessage, or an SMTPClientError
 * }</pre>
 *
 * <h2>What it sends, and when it stops</h2>
 * <ul>
 * <li>{@code STARTTLS} whenever offered (unless {@link SMTPClientOptions.TlsMode#NEVER}); with
 * {@link SMTPClientOptions.TlsMode#REQUIRE}, a server that does not offer or refuses it fails the
 * send ({@link TLSRequiredError}). The server's certificate is checked against the host name
 * ({@link SMTPClientOptions#tlsHostname()}, else the one given here). A failed handshake fails the
 * send; nothing is ever sent in plain text after {@code STARTTLS} was tried. Bytes the server
 * sent after its {@code 220} in the same packet (a response injection) fail the send.</li>
 * <li>With credentials, {@code AUTH PLAIN} (or {@code LOGIN} when {@code PLAIN} is not offered),
 * only over TLS unless {@link SMTPClientOptions#allowPlaintextAuth()}: otherwise the send fails
 * with {@link TLSRequiredError} before any credential is written. A server that offers neither
 * mechanism: {@link AUTHRequiredError} if {@link SMTPClientOptions#requireAuthentication()}, else
 * the message is sent without a login. A refused login: {@link AUTHDeclinedError}.</li>
 * <li>A message larger than the server's {@code SIZE} fails before {@code MAIL}; a message with
 * 8-bit bytes to a server without {@code 8BITMIME} fails too (RFC 6152 forbids sending it), both
 * with {@link SMTPDeliveryError}.</li>
 * <li>With {@code PIPELINING} (RFC 2920), {@code MAIL}, every {@code RCPT} and {@code DATA} go in
 * one write; otherwise one command per reply. Recipients the server refuses are listed in the
 * result; when it refuses all of them (or the sender, or the message), the Deferred fails with
 * {@link SMTPDeliveryError} and {@code QUIT} is sent.</li>
 * <li>The message is sent as {@link DataEncoder} describes: CR LF line ends (bare CR and bare LF
 * become CR LF), dot-stuffed, a final line end added when missing, then {@code .}. It is read in
 * chunks only while the transport is writable.</li>
 * <li>Each reply must come within {@link SMTPClientOptions#replyTimeout()} (the one after the message
 * within {@link SMTPClientOptions#dataTimeout()}), and the server must keep reading the message:
 * otherwise {@link SMTPTimeoutError} and the connection is closed. A reply line over
 * {@value ReplyParser#MAX_LINE_LENGTH} bytes, a reply over {@value ReplyParser#MAX_LINES} lines, a
 * malformed or unexpected reply: {@link SMTPProtocolError}, and the connection is closed. A
 * connection lost before the end: {@link SMTPClientError} with the cause.</li>
 * </ul>
 * The Deferred fires once, with a {@link SentMessage} as soon as the server accepted the message
 * (before {@code QUIT} is answered). No credential, AUTH line or message content is logged.
 *
 * <p>Runs on the reactor thread, as every protocol does; one instance sends one message.
 * Twisted: {@code twisted.mail.smtp.ESMTPSender} / {@code ESMTPClient}.
 *
 * @since 0.1.0
 */
public class ESMTPClient extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(ESMTPClient.class);

    private static final int CHUNK = 16 * 1024;


    private final SMTPClientOptions options;

    private final ReactorTime clock;

    private final @Nullable String hostname;

    private final Address from;

    private final List<Address> recipients;

    private final MessageSource message;

    private final Deferred<SentMessage> deferred = new Deferred<>();

    private final ReplyParser parser = new ReplyParser();

    private final ArrayDeque<Handler> expected = new ArrayDeque<>();

    private final List<RecipientResult> results = new ArrayList<>();

    private Map<String, String> extensions = Map.of();

    private boolean pipelined;

    private @Nullable SMTPClientError pipelineFailure;

    private @Nullable DelayedCall timer;

    private @Nullable InputStream input;

    private @Nullable DataEncoder encoder;

    private String step = "waiting for the greeting";

    private boolean finished;

    private boolean closing;

    /**
     * A client that will send {@code message}.
     *
     * @param options TLS, credentials, timeouts
     * @param clock the reactor (or a test's {@code Clock}) for the timeouts
     * @param hostname the server's host name, for the certificate check unless the options name one
     * @param from the sender ({@code ""} for the null reverse path {@code <>} of a bounce)
     * @param recipients at least one recipient
     * @param message the message: header, blank line, body; any line ends (normalised to CR LF)
     * @throws IllegalArgumentException when an address is not valid or there is no recipient
     */
    public ESMTPClient(SMTPClientOptions options, ReactorTime clock, @Nullable String hostname, String from,
            Collection<String> recipients, byte[] message) {
        this(options, clock, hostname, parseSender(from), parseRecipients(recipients),
                MessageSource.of(Objects.requireNonNull(message, "message")));
    }

    ESMTPClient(SMTPClientOptions options, ReactorTime clock, @Nullable String hostname, Address from,
            List<Address> recipients, MessageSource message) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hostname = hostname;
        this.from = from;
        this.recipients = List.copyOf(recipients);
        this.message = message;
        setDelimiter(new byte[] { '\n' });
        setMaxLength(ReplyParser.MAX_LINE_LENGTH + 1);
    }

    /**
     * The outcome, fired once on the reactor thread: the {@link SentMessage} once the server
     * accepted the message, or an {@link SMTPClientError}.
     *
     * @return the Deferred
     */
    public Deferred<SentMessage> deferred() {
        return this.deferred;
    }

    // ------------------------------------------------------------------ addresses

    static Address parseSender(String from) {
        return parsePath(Objects.requireNonNull(from, "from"));
    }

    static List<Address> parseRecipients(Collection<String> recipients) {
        List<Address> list = new ArrayList<>();
        for (String r : Objects.requireNonNull(recipients, "recipients")) {
            Address a = parsePath(Objects.requireNonNull(r, "recipient"));
            if (a.isNull()) {
                throw new IllegalArgumentException("a recipient cannot be the null path <>");
            }
            list.add(a);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        return list;
    }

    private static Address parsePath(String path) {
        String p = path.strip();
        if (p.length() >= 2 && p.startsWith("<") && p.endsWith(">")) {
            p = p.substring(1, p.length() - 1);
        }
        try {
            return Address.parse(p);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("not a valid mail address: \"" + path + "\"");
        }
    }

    // ------------------------------------------------------------------ connection

    @Override
    public void connectionMade() {
        this.transport.registerProducer(new OutputWatch(), true);
        this.expected.add(this::greeting);
        restartTimer(this.options.replyTimeout());
    }

    @Override
    public void lineReceived(String line) {
        if (this.closing) {
            return;
        }
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        try {
            SMTPReply reply = this.parser.lineReceived(text);
            if (reply == null) {
                return;
            }
            Handler handler = this.expected.poll();
            if (handler == null) {
                throw new SMTPProtocolError("unexpected reply \"" + reply.code() + "\" " + this.step);
            }
            if (this.expected.isEmpty() && this.input == null) {
                cancelTimer();
            }
            else {
                restartTimer(this.options.replyTimeout());
            }
            handler.handle(reply);
        }
        catch (SMTPProtocolError ex) {
            failAndClose(ex);
        }
        catch (SMTPClientError ex) {
            fail(ex);
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        failAndClose(new SMTPProtocolError("reply line longer than " + ReplyParser.MAX_LINE_LENGTH + " bytes"));
    }

    @Override
    public void connectionLost(Failure reason) {
        cancelTimer();
        closeInput();
        this.closing = true;
        if (!this.finished) {
            this.finished = true;
            this.deferred.errback(new SMTPClientError("connection lost " + this.step + ": " + reason.value(),
                    reason.value()));
        }
    }

    // ------------------------------------------------------------------ the steps

    private void greeting(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 220) {
            throw new SMTPConnectError(reply.code(), reply.enhancedCode(), "server greeting was not 220: " + reply,
                    null);
        }
        ehlo();
    }

    private void ehlo() {
        send("EHLO " + this.options.heloName(), this::ehloReply);
    }

    private void ehloReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() == 250) {
            this.extensions = parseExtensions(reply.lines());
            afterHello();
        }
        else if (reply.code() >= 500) {
            send("HELO " + this.options.heloName(), this::heloReply);
        }
        else {
            throw new SMTPClientError(reply.code(), reply.enhancedCode(), "server refused EHLO: " + reply);
        }
    }

    private void heloReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 250) {
            throw new SMTPClientError(reply.code(), reply.enhancedCode(), "server refused HELO: " + reply);
        }
        this.extensions = Map.of();
        afterHello();
    }

    private void afterHello() throws SMTPClientError {
        if (!isSecure()) {
            SMTPClientOptions.TlsMode mode = this.options.tls();
            if (mode != SMTPClientOptions.TlsMode.NEVER && this.extensions.containsKey("STARTTLS")) {
                send("STARTTLS", this::startTlsReply);
                return;
            }
            if (mode == SMTPClientOptions.TlsMode.REQUIRE) {
                throw new TLSRequiredError("TLS is required but the server does not offer STARTTLS");
            }
        }
        authenticate();
    }

    private void startTlsReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 220) {
            if (this.options.tls() == SMTPClientOptions.TlsMode.REQUIRE) {
                throw new TLSRequiredError(reply.code(), reply.enhancedCode(), "server refused STARTTLS: " + reply,
                        null);
            }
            authenticate();
            return;
        }
        if (clearLineBuffer().length > 0 || !this.expected.isEmpty()) {
            throw new SMTPProtocolError("server sent more after its 220 to STARTTLS (a response injection)");
        }
        if (!(this.transport instanceof TCPTransport tcp)) {
            throw new TLSRequiredError("the transport cannot start TLS");
        }
        tcp.startTLS(tlsOptions());
        this.extensions = Map.of();
        send("EHLO " + this.options.heloName(), this::ehloReply);
        this.step = "after STARTTLS, in the TLS handshake or EHLO";
    }

    private TlsOptions tlsOptions() throws SMTPClientError {
        String name = (this.options.tlsHostname() != null) ? this.options.tlsHostname() : this.hostname;
        if (name == null) {
            throw new TLSRequiredError("no host name to verify the server's certificate against (set tlsHostname)");
        }
        SSLContext context = this.options.sslContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            }
            catch (NoSuchAlgorithmException ex) {
                throw new TLSRequiredError(SMTPClientError.NO_CODE, null, "the JVM has no default TLS context", ex);
            }
        }
        return TlsOptions.client(context, name);
    }

    private void authenticate() throws SMTPClientError {
        String user = this.options.username();
        if (user == null) {
            mail();
            return;
        }
        if (!isSecure() && !this.options.allowPlaintextAuth()) {
            throw new TLSRequiredError("credentials are given but the connection has no TLS; they are never sent "
                    + "in plain text unless allowPlaintextAuth");
        }
        String mechanisms = this.extensions.get("AUTH");
        List<String> offered = (mechanisms == null) ? List.of()
                : Arrays.asList(mechanisms.toUpperCase(Locale.ROOT).split(" +"));
        if (offered.contains("PLAIN")) {
            byte[] user8 = user.getBytes(StandardCharsets.UTF_8);
            byte[] pass = password();
            byte[] token = new byte[user8.length + pass.length + 2];
            System.arraycopy(user8, 0, token, 1, user8.length);
            System.arraycopy(pass, 0, token, user8.length + 2, pass.length);
            Arrays.fill(pass, (byte) 0);
            byte[] encoded = Base64.getEncoder().encode(token);
            Arrays.fill(token, (byte) 0);
            sendSecret("AUTH PLAIN ", encoded, this::authReply);
        }
        else if (offered.contains("LOGIN")) {
            send("AUTH LOGIN", this::loginUserPrompt);
        }
        else if (this.options.requireAuthentication()) {
            throw new AUTHRequiredError("authentication is required but the server offers neither AUTH PLAIN nor "
                    + "AUTH LOGIN" + ((mechanisms != null) ? " (it offers " + mechanisms + ")" : ""));
        }
        else {
            mail();
        }
    }

    private void loginUserPrompt(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 334) {
            throw declined(reply);
        }
        byte[] user = Objects.requireNonNull(this.options.username()).getBytes(StandardCharsets.UTF_8);
        sendSecret("", Base64.getEncoder().encode(user), this::loginPasswordPrompt);
    }

    private void loginPasswordPrompt(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 334) {
            throw declined(reply);
        }
        byte[] pass = password();
        byte[] encoded = Base64.getEncoder().encode(pass);
        Arrays.fill(pass, (byte) 0);
        sendSecret("", encoded, this::authReply);
    }

    private void authReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 235) {
            throw declined(reply);
        }
        mail();
    }

    private static AUTHDeclinedError declined(SMTPReply reply) {
        return new AUTHDeclinedError(reply.code(), reply.enhancedCode(),
                "server refused the login: " + reply.code() + ((reply.enhancedCode() != null) ? " " + reply.enhancedCode() : ""),
                null);
    }

    private byte[] password() {
        char[] chars = Objects.requireNonNull(this.options.password()).get();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        Arrays.fill(chars, '\0');
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return out;
    }

    private void mail() throws SMTPClientError {
        String sizeParam = this.extensions.get("SIZE");
        long limit = parseSize(sizeParam);
        if (limit > 0 && this.message.size() > limit) {
            throw new SMTPDeliveryError(552, "5.3.4", "message size (" + this.message.size()
                    + " bytes) exceeds the server's SIZE limit (" + limit + " bytes)", List.of());
        }
        boolean eightBit = this.message.eightBit();
        if (eightBit && !this.extensions.containsKey("8BITMIME")) {
            throw new SMTPDeliveryError(554, "5.6.3",
                    "the message has 8-bit bytes and the server does not offer 8BITMIME", List.of());
        }
        String mail = "MAIL FROM:<" + this.from + ">" + ((sizeParam != null) ? " SIZE=" + this.message.size() : "")
                + (eightBit ? " BODY=8BITMIME" : "");
        this.pipelined = this.extensions.containsKey("PIPELINING");
        if (!this.pipelined) {
            send(mail, this::mailReply);
            return;
        }
        StringBuilder batch = new StringBuilder(mail).append("\r\n");
        this.expected.add(this::mailReply);
        for (int i = 0; i < this.recipients.size(); i++) {
            int index = i;
            batch.append("RCPT TO:<").append(this.recipients.get(i)).append(">\r\n");
            this.expected.add(reply -> rcptReply(index, reply));
        }
        batch.append("DATA\r\n");
        this.expected.add(this::dataReply);
        this.step = "after MAIL, RCPT and DATA (pipelined)";
        this.transport.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        restartTimer(this.options.replyTimeout());
    }

    private static long parseSize(@Nullable String param) {
        if (param == null || param.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(param.strip());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private void mailReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 250) {
            SMTPDeliveryError error = new SMTPDeliveryError(reply.code(), reply.enhancedCode(),
                    "server refused the sender <" + this.from + ">: " + reply, List.of());
            if (!this.pipelined) {
                throw error;
            }
            this.pipelineFailure = error;
            return;
        }
        if (!this.pipelined) {
            rcpt(0);
        }
    }

    private void rcpt(int index) {
        send("RCPT TO:<" + this.recipients.get(index) + ">", reply -> rcptReply(index, reply));
    }

    private void rcptReply(int index, SMTPReply reply) throws SMTPClientError {
        if (this.pipelineFailure == null) {
            this.results.add(RecipientResult.of(this.recipients.get(index), reply));
        }
        if (this.pipelined) {
            return;
        }
        if (index + 1 < this.recipients.size()) {
            rcpt(index + 1);
        }
        else if (accepted() == 0) {
            throw allRefused();
        }
        else {
            send("DATA", this::dataReply);
        }
    }

    private int accepted() {
        return (int) this.results.stream().filter(RecipientResult::accepted).count();
    }

    private SMTPDeliveryError allRefused() {
        RecipientResult first = this.results.get(0);
        return new SMTPDeliveryError(first.code(), first.enhancedCode(), "server refused every recipient (first: "
                + first.address() + ": " + first.code() + " " + first.text() + ")", this.results);
    }

    private void dataReply(SMTPReply reply) throws SMTPClientError {
        SMTPClientError failure = this.pipelineFailure;
        if (failure == null && accepted() == 0) {
            failure = allRefused();
        }
        if (failure != null) {
            if (reply.code() == 354) {
                // RFC 2920 section 3.1: DATA was accepted although nothing can be sent; end it empty
                SMTPClientError error = failure;
                this.step = "after an empty message";
                this.transport.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                this.expected.add(r -> {
                    throw error;
                });
                restartTimer(this.options.replyTimeout());
                return;
            }
            throw failure;
        }
        if (reply.code() != 354) {
            throw new SMTPDeliveryError(reply.code(), reply.enhancedCode(), "server refused DATA: " + reply,
                    this.results);
        }
        try {
            this.input = this.message.opener().open();
        }
        catch (IOException | RuntimeException ex) {
            // after 354 there is no clean way out: the server would take what follows as the message
            failAndClose(new SMTPClientError("the message could not be read: " + ex, ex));
            return;
        }
        this.encoder = new DataEncoder();
        this.step = "while sending the message";
        restartTimer(this.options.replyTimeout());
        pump();
    }

    /** Writes chunks while the transport is writable; {@link OutputWatch} calls it again. */
    private void pump() {
        byte[] buffer = new byte[CHUNK];
        while (this.input != null && this.transport.isWritable() && !this.closing) {
            InputStream in = this.input;
            DataEncoder enc = Objects.requireNonNull(this.encoder);
            int n;
            try {
                n = in.read(buffer);
            }
            catch (IOException | RuntimeException ex) {
                failAndClose(new SMTPClientError("the message could not be read midway: " + ex, ex));
                return;
            }
            if (n < 0) {
                closeInput();
                this.transport.write(enc.finish());
                this.step = "after the message";
                this.expected.add(this::endReply);
                restartTimer(this.options.dataTimeout());
                return;
            }
            if (n > 0) {
                this.transport.write(enc.encode(buffer, 0, n));
                restartTimer(this.options.replyTimeout());
            }
        }
    }

    private void endReply(SMTPReply reply) throws SMTPClientError {
        if (reply.code() != 250) {
            throw new SMTPDeliveryError(reply.code(), reply.enhancedCode(), "server refused the message: " + reply,
                    this.results);
        }
        this.finished = true;
        quit();
        this.deferred.callback(new SentMessage(this.results, reply));
    }

    // ------------------------------------------------------------------ helpers

    private void quit() {
        this.step = "after QUIT";
        send("QUIT", reply -> this.transport.loseConnection());
    }

    private boolean isSecure() {
        return this.transport instanceof TCPTransport tcp && tcp.isSecure();
    }

    private void send(String command, Handler handler) {
        int space = command.indexOf(' ');
        this.step = "after " + ((space < 0) ? command : command.substring(0, space));
        this.expected.add(handler);
        this.transport.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        restartTimer(this.options.replyTimeout());
    }

    /** Sends {@code prefix} and the secret in one line, then wipes the secret; the step names no part of it. */
    private void sendSecret(String prefix, byte[] secret, Handler handler) {
        this.step = prefix.isEmpty() ? "after an AUTH LOGIN answer" : "after AUTH";
        this.expected.add(handler);
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[p.length + secret.length + 2];
        System.arraycopy(p, 0, line, 0, p.length);
        System.arraycopy(secret, 0, line, p.length, secret.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        Arrays.fill(secret, (byte) 0);
        this.transport.write(line);
        restartTimer(this.options.replyTimeout());
    }

    /** A refusal: fail the Deferred, say QUIT, close when it is answered (or times out). */
    private void fail(SMTPClientError error) {
        if (this.finished) {
            return;
        }
        this.finished = true;
        closeInput();
        this.expected.clear();
        log.debug("{}: sending failed {}: {}", this.transport.logPrefix(), this.step, error.getMessage());
        if (!this.transport.isDisconnecting()) {
            quit();
        }
        this.deferred.errback(error);
    }

    /** A broken session: fail the Deferred and close at once. */
    private void failAndClose(SMTPClientError error) {
        this.closing = true;
        cancelTimer();
        closeInput();
        boolean first = !this.finished;
        this.finished = true;
        this.transport.loseConnection();
        if (first) {
            log.debug("{}: sending failed {}: {}", this.transport.logPrefix(), this.step, error.getMessage());
            this.deferred.errback(error);
        }
    }

    private void timedOut() {
        this.timer = null;
        if (this.finished) {
            this.closing = true;
            this.transport.loseConnection();
            return;
        }
        Duration waited = (this.input == null && "after the message".equals(this.step)) ? this.options.dataTimeout()
                : this.options.replyTimeout();
        failAndClose(new SMTPTimeoutError("no reply " + this.step + " within " + waited));
    }

    private void restartTimer(Duration delay) {
        DelayedCall t = this.timer;
        if (t != null && t.active()) {
            t.reset(delay);
        }
        else {
            this.timer = this.clock.callLater(delay, this::timedOut);
        }
    }

    private void cancelTimer() {
        DelayedCall t = this.timer;
        this.timer = null;
        if (t != null && t.active()) {
            t.cancel();
        }
    }

    private void closeInput() {
        InputStream in = this.input;
        this.input = null;
        if (in != null) {
            try {
                in.close();
            }
            catch (IOException ex) {
                // nothing more is read from it either way
            }
        }
    }

    /** EHLO keywords (upper case) to their parameters; the first line is the server's greeting. */
    static Map<String, String> parseExtensions(List<String> lines) {
        Map<String, String> map = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int cut = l.indexOf(' ');
            // old servers write "AUTH=PLAIN LOGIN"
            if (l.regionMatches(true, 0, "AUTH=", 0, 5)) {
                cut = 4;
            }
            String key = ((cut < 0) ? l : l.substring(0, cut)).toUpperCase(Locale.ROOT);
            String value = (cut < 0) ? "" : l.substring(cut + 1).strip();
            if (key.equals("AUTH") && map.containsKey("AUTH")) {
                value = map.get("AUTH") + " " + value;
            }
            map.put(key, value);
        }
        return map;
    }

    /** What to do with the next reply. */
    private interface Handler {
        void handle(SMTPReply reply) throws SMTPClientError;
    }

    /**
     * Told by the transport when it stops and starts being writable. The pump stops by itself once
     * {@code isWritable()} says no (the transport pauses this at that very write), and
     * goes on when resumed.
     */
    private final class OutputWatch implements PushProducer {

        @Override
        public void pauseProducing() {
            // pump() checks isWritable() before each chunk
        }

        @Override
        public void resumeProducing() {
            if (ESMTPClient.this.input != null) {
                pump();
            }
        }

        @Override
        public void stopProducing() {
            // connectionLost follows
        }
    }
}
