package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.PushProducer;
import twisted.internet.ShutdownNotice;
import twisted.time.DelayedCall;
import twisted.words.irc.IRC;
import twisted.words.irc.IRCMessage;
import twisted.words.irc.IRCText;
import twisted.words.irc.Numerics;

/**
 * One client's connection to an {@link IRCServer}: its registration, its flood bucket, its
 * timeouts and its send queue. The commands themselves are small handlers in a table
 * ({@code Commands}); this class runs them. Built by {@link IRCServer#factory()}, one per
 * connection, and used only on the reactor thread. Twisted: {@code words.service.IRCUser}.
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>Flood: each message takes a token from a bucket of {@code floodBurst} tokens refilled at
 * {@code floodRate} a second on the reactor clock. A message finding it empty is held, and
 * nothing more is read from the client, until a token is there again: a script that sends a burst
 * is slowed down to the rate, as daemons do (ngircd's penalty, Hybrid's flood control), not
 * dropped. A client whose unprocessed input passes {@link #RECEIVE_QUEUE_BYTES} meanwhile (a paste
 * of hundreds of lines) is disconnected with {@code ERROR :Closing Link: <host> (Excess Flood)}.</li>
 * <li>A line longer than 512 bytes (tags aside) gets {@code 417 ERR_INPUTTOOLONG}.</li>
 * <li>Registration must end within {@code registrationTimeout}; after {@code pingInterval} of
 * silence the server sends {@code PING}, and after {@code pingTimeout} more the client is dropped
 * with "Ping timeout: N seconds".</li>
 * <li>Send queue: while the connection is not writable (the client stopped reading and its
 * transport's buffer passed its high-water mark), nothing more is read from it and the bytes
 * written to it are counted; past {@code sendQueueBytes} it is dropped with
 * {@code ERROR :Closing Link: <host> (SendQ exceeded)} and the others see
 * {@code QUIT :SendQ exceeded}.</li>
 * <li>Cluster: while a command waits for the cluster (a nick claimed, the first join of a channel on
 * this node, a remote nick looked up), nothing more is read from the client; a cluster that never
 * answers leaves the client to the registration or ping timeout.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class IRCUser extends IRC implements ShutdownNotice {

    private static final String SHUTTING_DOWN = "Server shutting down";

    /** The longest away message, {@code AWAYLEN}. */
    static final int AWAY_LENGTH = 200;

    /** The longest kick reason, {@code KICKLEN}. */
    static final int KICK_LENGTH = 255;

    /** The longest user name, {@code USERLEN}. */
    static final int USER_LENGTH = 10;

    /** The capabilities offered to every client; {@code sasl} is added when there is a portal. */
    static final List<String> CAPABILITIES = List.of("away-notify", "echo-message", "message-tags", "multi-prefix",
            "server-time");

    private static final Logger log = LoggerFactory.getLogger(IRCUser.class);

    private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Commands whose last parameter is text. */
    private static final Set<String> TEXT_COMMANDS = Set.of("PRIVMSG", "NOTICE", "PART", "QUIT", "TOPIC", "KICK",
            "AWAY", "ERROR", "KILL", "PONG", "CAP");

    /** Numerics whose last parameter is a value, not text. */
    private static final Set<String> PLAIN_NUMERICS = Set.of("004", "221", "324", "329", "333", "341", "367");

    private static final byte[] CRLF = { '\r', '\n' };

    private static final int PAUSED_FOR_LOGIN = 1;

    private static final int PAUSED_FOR_OUTPUT = 2;

    private static final int PAUSED_FOR_FLOOD = 4;

    private static final int PAUSED_FOR_CLUSTER = 8;

    /**
     * The most input a throttled client may have waiting, read but not yet processed, before it
     * is disconnected for excess flood: 8 KiB, InspIRCd's default receive queue.
     */
    static final int RECEIVE_QUEUE_BYTES = 8192;

    final IRCServer server;

    // identity and state, read and written by the command handlers

    @Nullable String nick;

    @Nullable String username;

    String realname = "";

    String host = "unknown";

    @Nullable String account;

    /** What PASS gave, until registration ends; never logged. */
    @Nullable String password;

    boolean registered;

    /** Whether CAP negotiation holds registration open. */
    boolean capHold;

    final Set<String> caps = new HashSet<>();

    final Set<Character> modes = new TreeSet<>();

    @Nullable String away;

    final Set<Channel> channels = new LinkedHashSet<>();

    long signonAt;

    long lastSpokeAt;

    /** SASL: the mechanism's data received so far, {@code null} when no exchange is going on. */
    @Nullable StringBuilder sasl;

    boolean loginPending;

    // connection bookkeeping

    private boolean closed;

    private double tokens;

    /** Messages that found the flood bucket empty, waiting for tokens; reading is paused meanwhile. */
    private final ArrayDeque<IRCMessage> held = new ArrayDeque<>();

    private int heldBytes;

    private @Nullable DelayedCall floodTimer;

    private double lastRefill;

    private boolean heardSincePing;

    private double lastHeard;

    private @Nullable DelayedCall registrationTimer;

    private @Nullable DelayedCall pingTimer;

    private long queuedBytes;

    private int pauses;

    /** Cluster answers this user's commands wait for; nothing more is run meanwhile. */
    private int clusterWaits;

    /**
     * A connection of {@code server}'s; {@link IRCServer#factory()} builds these.
     *
     * @param server the server
     */
    IRCUser(IRCServer server) {
        this.server = server;
    }

    /** Counts the connection, watches its writability, greets it and starts the registration timer. */
    @Override
    public void connectionMade() {
        this.host = IRCServer.hostOf(this.transport.getPeer());
        double now = now();
        this.tokens = this.server.settings().floodBurst();
        this.lastRefill = now;
        this.lastHeard = now;
        this.signonAt = (long) now;
        this.lastSpokeAt = (long) now;
        this.server.connected(this);
        this.transport.registerProducer(new OutputWatch(), true);
        sendFromServer("NOTICE", "*", "*** Welcome to " + this.server.name() + ": register with NICK and USER");
        this.registrationTimer = this.server.clock().callLater(this.server.settings().registrationTimeout(), () -> {
            if (!this.registered) {
                close("Registration timed out", "Registration timed out", "registration-timeout");
            }
        });
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!this.closed) {
            this.closed = true;
            this.server.disconnected(this, "Connection closed");
            stopTimers();
        }
    }

    @Override
    protected void messageReceived(IRCMessage message) {
        if (this.closed) {
            return;
        }
        double now = now();
        this.lastHeard = now;
        this.heardSincePing = true;
        if (!this.held.isEmpty() || this.clusterWaits > 0 || !takeToken(now)) {
            hold(message);
            return;
        }
        dispatch(message);
    }

    /** Runs one message's command. */
    private void dispatch(IRCMessage message) {
        Commands.Command command = Commands.get(message.command());
        if (command == null) {
            reply(Numerics.ERR_UNKNOWNCOMMAND, message.command(), "Unknown command");
            return;
        }
        if (command.needsRegistration() && !this.registered) {
            reply(Numerics.ERR_NOTREGISTERED, "You have not registered");
            return;
        }
        if (message.params().size() < command.minParams()) {
            reply(Numerics.ERR_NEEDMOREPARAMS, message.command(), "Not enough parameters");
            return;
        }
        try {
            command.handler().accept(this, message);
        }
        catch (RuntimeException ex) {
            log.warn("{}: {} failed", logPrefix(), message.command(), ex);
            reply(Numerics.ERR_UNKNOWNERROR, message.command(), "Internal error");
        }
    }

    /** Answers {@code 417 ERR_INPUTTOOLONG}, as daemons do, and keeps the connection. */
    @Override
    protected void messageTooLong(byte[] line) {
        if (!this.closed) {
            reply(Numerics.ERR_INPUTTOOLONG, "Input line was too long");
        }
    }

    /** A line that never ends: drops the client with an {@code ERROR} line. */
    @Override
    public void lineLengthExceeded(byte[] line) {
        close("Input line too long", "Input line too long", null);
    }

    @Override
    public String logPrefix() {
        return "IRCUser(" + ((this.nick != null) ? this.nick : "*") + "@" + this.host + ")";
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a message, adapted to this client's capabilities: client tags only with
     * {@code message-tags}, a {@code time} tag with {@code server-time}. Counts what is written
     * while the connection is not writable and drops the client past its send queue.
     */
    void send(IRCMessage message) {
        if (this.closed) {
            return;
        }
        String time = this.caps.contains("server-time")
                ? SERVER_TIME.format(Instant.ofEpochMilli((long) (now() * 1000))) : null;
        byte[] bytes = this.server.lines().encode(message, time, this.caps.contains("message-tags"));
        this.transport.writeSequence(List.of(bytes, CRLF));
        if (!this.transport.isWritable()) {
            this.queuedBytes += bytes.length + CRLF.length;
            if (this.queuedBytes > this.server.settings().sendQueueBytes()) {
                close("SendQ exceeded", "SendQ exceeded", "send-queue");
            }
        }
    }

    /**
     * The line as daemons write it: the last parameter of a command that ends with text
     * ({@code PRIVMSG}, most numerics...) always after a {@code :}, even when it is one word, since
     * some clients read it only there.
     */
    static String wireLine(IRCMessage message) {
        String line = message.toLine();
        List<String> params = message.params();
        if (params.isEmpty()) {
            return line;
        }
        String command = message.command();
        boolean text = message.isNumeric() ? !PLAIN_NUMERICS.contains(command) : TEXT_COMMANDS.contains(command);
        if (message.command().equals("PART") && params.size() < 2) {
            text = false;
        }
        String last = params.get(params.size() - 1);
        if (!text || line.endsWith(" :" + last)) {
            return line;
        }
        return line.substring(0, line.length() - last.length()) + ":" + last;
    }

    /** Sends {@code :server COMMAND params...}. */
    void sendFromServer(String command, String... params) {
        send(new IRCMessage(Map.of(), this.server.name(), command, List.of(params)));
    }

    /** Sends a numeric reply: {@code :server NNN <nick or *> params...}. */
    void reply(String numeric, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(nickOrStar());
        for (int i = 0; i < params.length; i++) {
            String param = params[i];
            boolean middleSafe = !param.isEmpty() && param.indexOf(' ') < 0 && param.charAt(0) != ':';
            all.add((i == params.length - 1 || middleSafe) ? param : "*");
        }
        send(new IRCMessage(Map.of(), this.server.name(), numeric, all));
    }

    /** Sends a message from this user ({@code :nick!user@host COMMAND params...}) to itself. */
    void echo(String command, String... params) {
        send(new IRCMessage(Map.of(), mask(), command, List.of(params)));
    }

    String nickOrStar() {
        return (this.nick != null) ? this.nick : "*";
    }

    /** {@code nick!user@host}. */
    String mask() {
        return nickOrStar() + "!" + ((this.username != null) ? this.username : "*") + "@" + this.host;
    }

    boolean isOperator() {
        return this.modes.contains('o');
    }

    // ------------------------------------------------------------------ closing

    /**
     * Ends the connection: tells the client with {@code ERROR} (when {@code errorReason} is given),
     * shows the others {@code QUIT :quitMessage}, counts the refusal and closes. Twice is harmless.
     */
    /**
     * The service is stopping: the client gets {@code ERROR :Closing Link: <host> (Server shutting
     * down)} and the others a {@code QUIT} with that reason, before the connection closes.
     */
    @Override
    public void serviceStopping() {
        close(SHUTTING_DOWN, SHUTTING_DOWN, null);
    }

    /**
     * The service drains: a registered client gets {@code NOTICE <nick> :*** Server shutting down,
     * please reconnect} from the server, so it can move to another one; the connection stays open
     * until the client leaves or the drain ends ({@link #serviceStopping()}).
     */
    @Override
    public void drainStarted() {
        if (this.registered && !this.closed) {
            sendFromServer("NOTICE", nickOrStar(), "*** " + SHUTTING_DOWN + ", please reconnect");
        }
    }

    void close(String quitMessage, @Nullable String errorReason, @Nullable String refusedTag) {
        if (this.closed) {
            return;
        }
        if (errorReason != null) {
            sendMessage(IRCMessage.of("ERROR", "Closing Link: " + this.host + " (" + errorReason + ")"));
        }
        this.closed = true;
        if (refusedTag != null) {
            this.server.refused(refusedTag);
        }
        this.server.disconnected(this, quitMessage);
        stopTimers();
        this.transport.loseConnection();
    }

    boolean isClosed() {
        return this.closed;
    }

    private void stopTimers() {
        cancel(this.registrationTimer);
        cancel(this.pingTimer);
        cancel(this.floodTimer);
    }

    private static void cancel(@Nullable DelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    // ------------------------------------------------------------------ registration end, pings

    /** Registration is complete: stop its timer, count the user and start watching for silence. */
    void markRegistered() {
        this.registered = true;
        this.password = null;
        cancel(this.registrationTimer);
        this.server.registered(this);
        schedulePing(this.server.settings().pingInterval().toNanos() / 1e9);
    }

    private void schedulePing(double afterSeconds) {
        this.pingTimer = this.server.clock().callLater(afterSeconds, this::silenceCheck);
    }

    private void silenceCheck() {
        double interval = this.server.settings().pingInterval().toNanos() / 1e9;
        double silent = now() - this.lastHeard;
        if (silent < interval - 1e-6) {
            schedulePing(interval - silent);
            return;
        }
        this.heardSincePing = false;
        sendFromServer("PING", this.server.name());
        this.pingTimer = this.server.clock().callLater(this.server.settings().pingTimeout(), () -> {
            if (this.heardSincePing) {
                silenceCheck();
                return;
            }
            String reason = "Ping timeout: " + Math.round(now() - this.lastHeard) + " seconds";
            close(reason, reason, "ping-timeout");
        });
    }

    // ------------------------------------------------------------------ flood and reading

    /** Keeps a message until the bucket has a token, reading nothing more meanwhile. */
    private void hold(IRCMessage message) {
        this.held.add(message);
        this.heldBytes += IRCText.utf8Length(message.toLine()) + 2;
        if (this.heldBytes + getBufferedLength() > RECEIVE_QUEUE_BYTES) {
            this.held.clear();
            close("Excess Flood", "Excess Flood", "flood");
            return;
        }
        pauseReading(PAUSED_FOR_FLOOD);
        scheduleRelease();
    }

    private void scheduleRelease() {
        if (this.floodTimer != null && this.floodTimer.active()) {
            return;
        }
        IRCServerSettings settings = this.server.settings();
        double wait = Math.max(0, (1 - this.tokens) / settings.floodRate());
        this.floodTimer = this.server.clock().callLater(Duration.ofNanos((long) Math.ceil(wait * 1e9)),
                this::release);
    }

    /** Runs the held messages the bucket now allows; reads again once none is left. */
    private void release() {
        this.floodTimer = null;
        if (this.clusterWaits > 0) {
            return;
        }
        while (!this.held.isEmpty() && !this.closed && this.clusterWaits == 0 && takeToken(now())) {
            IRCMessage message = this.held.poll();
            this.heldBytes -= IRCText.utf8Length(message.toLine()) + 2;
            dispatch(message);
        }
        if (this.closed || this.clusterWaits > 0) {
            return;
        }
        if (this.held.isEmpty()) {
            this.heldBytes = 0;
            resumeReading(PAUSED_FOR_FLOOD);
        }
        else {
            scheduleRelease();
        }
    }

    private boolean takeToken(double now) {
        IRCServerSettings settings = this.server.settings();
        this.tokens = Math.min(settings.floodBurst(), this.tokens + (now - this.lastRefill) * settings.floodRate());
        this.lastRefill = now;
        if (this.tokens < 1) {
            return false;
        }
        this.tokens -= 1;
        return true;
    }

    /**
     * Runs {@code then} with the cluster's answer (or its failure, the value then {@code null}),
     * holding this user's next commands, in order, until it has run: nothing more is read from
     * the client meanwhile, so what waits is bounded by the transport's buffer. An answer already
     * there runs at once. {@code then} does not run once the connection is closed.
     */
    <T> void awaitCluster(Deferred<T> answer, BiConsumer<@Nullable T, @Nullable Failure> then) {
        if (answer.isCalled() && !answer.isPaused()) {
            answer.addCallbacks(value -> {
                then.accept(value, null);
                return null;
            }, failure -> {
                then.accept(null, failure);
                return null;
            });
            return;
        }
        this.clusterWaits++;
        pauseReading(PAUSED_FOR_CLUSTER);
        answer.addCallbacks(value -> {
            clusterAnswered(() -> then.accept(value, null));
            return null;
        }, failure -> {
            clusterAnswered(() -> then.accept(null, failure));
            return null;
        });
    }

    private void clusterAnswered(Runnable then) {
        this.clusterWaits--;
        if (!this.closed) {
            try {
                then.run();
            }
            catch (RuntimeException ex) {
                log.warn("{}: a command waiting for the cluster failed", logPrefix(), ex);
                reply(Numerics.ERR_UNKNOWNERROR, "*", "Internal error");
            }
        }
        if (this.clusterWaits > 0 || this.closed) {
            return;
        }
        resumeReading(PAUSED_FOR_CLUSTER);
        if (!this.held.isEmpty() && this.clusterWaits == 0 && !this.closed) {
            cancel(this.floodTimer);
            release();
        }
    }

    /** Stops reading while a login is checked; {@link #loginDone()} resumes. */
    void loginStarted() {
        this.loginPending = true;
        pauseReading(PAUSED_FOR_LOGIN);
    }

    void loginDone() {
        this.loginPending = false;
        resumeReading(PAUSED_FOR_LOGIN);
    }

    private void pauseReading(int reason) {
        boolean wasPaused = this.pauses != 0;
        this.pauses |= reason;
        if (!wasPaused && !this.closed) {
            pauseProducing();
        }
    }

    private void resumeReading(int reason) {
        if ((this.pauses & reason) == 0) {
            return;
        }
        this.pauses &= ~reason;
        if (this.pauses == 0 && !this.closed) {
            resumeProducing();
        }
    }

    double now() {
        return this.server.clock().seconds();
    }

    /**
     * Told by the transport when the client stops reading (its buffer passed the high-water mark)
     * and when it drains: stop reading from the client meanwhile, and count what is queued to it.
     */
    private final class OutputWatch implements PushProducer {

        @Override
        public void pauseProducing() {
            IRCUser.this.queuedBytes = 0;
            pauseReading(PAUSED_FOR_OUTPUT);
        }

        @Override
        public void resumeProducing() {
            IRCUser.this.queuedBytes = 0;
            resumeReading(PAUSED_FOR_OUTPUT);
        }

        @Override
        public void stopProducing() {
        }
    }
}
