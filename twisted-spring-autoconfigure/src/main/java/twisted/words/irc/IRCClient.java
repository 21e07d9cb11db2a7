package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Failure;
import twisted.time.ReactorTime;

/**
 * The client side of IRC, on which bots are written: it registers (IRCv3 capability negotiation,
 * SASL PLAIN, {@code PASS}, {@code NICK}, {@code USER}, nick collisions retried), answers
 * {@code PING} and the common CTCP queries, turns what the server sends into callbacks
 * ({@link #signedOn}, {@link #privmsg}, {@link #userJoined}...) and gives commands as methods
 * ({@link #join}, {@link #msg}, {@link #kick}...), splitting long messages so that no line the
 * server relays exceeds 512 bytes. Override the callbacks you need; they do nothing by default.
 *
 * <pre>{@code
 * class LogBot extends IRCClient {
 *
 *     LogBot(ReactorTime clock) {
 *         super(clock);
 *         setNickname("logbot");
 *     }
 *
 *     @Override
 *     public void signedOn() {
 *         join("#twisted");
 *     }
 *
 *     @Override
 *     public void privmsg(String user, String channel, String message) {
 *         if (message.startsWith(getNickname() + ":")) {
 *             msg(channel, IRCClient.nickOf(user) + ": I log, I do not talk");
 *         }
 *     }
 * }
 *
 * // reconnects (with backoff) whenever the server closes the connection
 * ClientService bot = new ClientService("logbot", Endpoints.clientFromString(reactor, "tcp:irc.example:6667"),
 *         Factory.forProtocol(() -> new LogBot(reactor)), reactor);
 * bot.startService();
 * }</pre>
 *
 * <h2>Threads</h2>
 * Every callback and command runs on the reactor thread, as with any protocol; an instance serves
 * one connection.
 *
 * <h2>Dispatch</h2>
 * Each command and numeric goes through {@link #handleCommand(IRCMessage)}, which looks it up in a
 * table; {@link #setHandler(String, Consumer)} adds or replaces an entry (for example
 * {@code setHandler(Numerics.RPL_WHOISUSER, m -> ...)}), and what has no entry goes to
 * {@link #ircUnknown}. While a callback runs, {@link #currentMessage()} is the message that caused it
 * (its tags) and {@link #messageTime()} its {@code server-time}.
 *
 * <h2>Credentials</h2>
 * The server password and the SASL password are sent, never logged, and not shown by
 * {@link #toString()}.
 *
 * <p>Twisted: {@code twisted.words.protocols.irc.IRCClient}; see the differences in
 * {@code docs/irc.md}: a clock is passed in, {@code irc_<COMMAND>} methods are a table, the
 * heartbeat closes a connection whose server stopped answering, IRCv3 is negotiated.
 *
 * @since 0.1.0
 */
public class IRCClient extends IRC {

    private static final Logger log = LoggerFactory.getLogger(IRCClient.class);

    /** How long to wait between heartbeat {@code PING}s unless set: 120 s, as in Twisted. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(120);

    private static final byte[] CRLF = { '\r', '\n' };

    /** Room for a relayed prefix's user and host parts when our own is not known yet. */
    private static final int UNKNOWN_USER_BYTES = 11;

    private static final int UNKNOWN_HOST_BYTES = 63;

    private static final int MAX_PINGS = 12;

    private static final String ERR_NICKCOLLISION = "436";

    private static final String RPL_VISIBLEHOST = "396";

    /** A CTCP query handler: {@code user} is {@code nick!user@host}, {@code data} may be null. */
    @FunctionalInterface
    public interface CtcpQueryHandler {

        /**
         * Handles one query.
         *
         * @param user who sent it
         * @param channel where: a channel, or our nick for a private query
         * @param data what followed the tag, or {@code null}
         */
        void query(String user, String channel, @Nullable String data);
    }

    /** The reactor's clock: throttling, heartbeat, CTCP PING and TIME. */
    protected final ReactorTime clock;

    private String nickname = "irc";

    private List<String> alternativeNicknames = List.of();

    private @Nullable String password;

    private @Nullable String username;

    private @Nullable String realname;

    private boolean performLogin = true;

    private boolean capabilityNegotiation = true;

    private final ServerSupportedFeatures supported = new ServerSupportedFeatures();

    private final HandlerTable<Consumer<IRCMessage>> handlers = new HandlerTable<>();

    private final CtcpResponder ctcpResponder;

    private final CapabilityNegotiation capabilities;

    private final Map<String, Double> pings = new LinkedHashMap<>();

    private final Map<String, Map<String, String>> namesInProgress = new HashMap<>();

    private final LineThrottle throttle;

    private final Heartbeat heartbeat;

    private String attemptedNick = "irc";

    private int alternativesTried;

    private boolean registered;

    private @Nullable String hostmask;

    private @Nullable List<String> motd;

    private @Nullable IRCMessage current;

    /**
     * Creates a client; set its nickname and the rest before it connects.
     *
     * @param clock the reactor (or a test's {@code Clock}), which times throttling, the heartbeat
     *        and CTCP PING
     */
    public IRCClient(ReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = new LineThrottle(clock, this::write);
        this.heartbeat = new Heartbeat(clock, this::sendNow, this::serverDead, DEFAULT_HEARTBEAT_INTERVAL);
        this.capabilities = new CapabilityNegotiation(this, () -> this.transport.loseConnection());
        this.ctcpResponder = new CtcpResponder(this);
        registerHandlers();
    }

    // ---------------------------------------------------------------- attributes

    /**
     * Our nick: the one asked for until the server confirms one, then the one the server uses.
     *
     * @return the nick, {@code irc} unless set
     */
    public String getNickname() {
        return this.nickname;
    }

    /**
     * Sets the nick to register with. Once connected, use {@link #setNick(String)}.
     *
     * @param nickname the nick
     */
    public void setNickname(String nickname) {
        this.nickname = requireWord(nickname, "nickname");
        this.attemptedNick = this.nickname;
    }

    /**
     * The nicks tried, in order, when the nick is taken or refused during registration; after them
     * {@link #alterCollidedNick} appends {@code _}.
     *
     * @return the alternatives, empty unless set
     */
    public List<String> getAlternativeNicknames() {
        return this.alternativeNicknames;
    }

    /**
     * Sets the nicks to try when the nick is taken.
     *
     * @param alternatives the nicks, in order
     */
    public void setAlternativeNicknames(List<String> alternatives) {
        alternatives.forEach(nick -> requireWord(nick, "alternative nickname"));
        this.alternativeNicknames = List.copyOf(alternatives);
    }

    /**
     * Sets the server password, sent as {@code PASS} before {@code NICK}; never logged.
     *
     * @param password the password, or {@code null} for none
     */
    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    /**
     * The user name sent in {@code USER}.
     *
     * @return the user name, or {@code null} to send the nickname
     */
    public @Nullable String getUsername() {
        return this.username;
    }

    /**
     * Sets the user name (ident) sent in {@code USER}.
     *
     * @param username one word, or {@code null} to send the nickname
     */
    public void setUsername(@Nullable String username) {
        this.username = (username != null) ? requireWord(username, "username") : null;
    }

    /**
     * The real name sent in {@code USER}.
     *
     * @return the real name, or {@code null} to send the nickname
     */
    public @Nullable String getRealname() {
        return this.realname;
    }

    /**
     * Sets the real name sent in {@code USER}.
     *
     * @param realname any text, or {@code null} to send the nickname
     */
    public void setRealname(@Nullable String realname) {
        this.realname = realname;
    }

    /**
     * Sets the reply to CTCP {@code USERINFO}.
     *
     * @param userinfo the text, or {@code null} not to answer
     */
    public void setUserinfo(@Nullable String userinfo) {
        this.ctcpResponder.setUserinfo(userinfo);
    }

    /**
     * Sets the CTCP {@code VERSION} reply, {@code name:num:env}; with no name, VERSION is not
     * answered (as in Twisted).
     *
     * @param name the client's name, or {@code null}
     * @param num its version, or {@code null}
     * @param env where it runs, or {@code null}
     */
    public void setVersion(@Nullable String name, @Nullable String num, @Nullable String env) {
        this.ctcpResponder.setVersion(name, num, env);
    }

    /**
     * Sets the CTCP {@code SOURCE} reply.
     *
     * @param sourceURL where the client's source is, or {@code null} not to answer
     */
    public void setSourceURL(@Nullable String sourceURL) {
        this.ctcpResponder.setSourceURL(sourceURL);
    }

    /**
     * The least time between two lines sent.
     *
     * @return the rate, or {@code null} (the default) to send at once
     */
    public @Nullable Duration getLineRate() {
        return this.throttle.getLineRate();
    }

    /**
     * Throttles what is sent: lines wait in a queue and leave one per {@code lineRate}, timed by
     * the reactor clock (the first at once). {@code PONG} and heartbeat {@code PING} skip the queue,
     * so a long queue does not get us disconnected. Twisted: {@code lineRate}.
     *
     * @param lineRate the least time between lines, or {@code null} for no throttle
     */
    public void setLineRate(@Nullable Duration lineRate) {
        this.throttle.setLineRate(requirePositiveOrNull(lineRate, "lineRate"));
    }

    /**
     * How often the heartbeat pings the server once signed on.
     *
     * @return the interval, {@link #DEFAULT_HEARTBEAT_INTERVAL} unless set, {@code null} for none
     */
    public @Nullable Duration getHeartbeatInterval() {
        return this.heartbeat.getInterval();
    }

    /**
     * Sets the heartbeat: every interval after {@link #signedOn} a {@code PING} is sent; when the
     * previous one got no {@code PONG}, the server is taken for dead and the connection is aborted
     * (a reconnecting service then connects again). Twisted: {@code heartbeatInterval}, which only
     * pings.
     *
     * @param interval the interval, or {@code null} for no heartbeat
     */
    public void setHeartbeatInterval(@Nullable Duration interval) {
        this.heartbeat.setInterval(requirePositiveOrNull(interval, "heartbeatInterval"));
    }

    /**
     * Sets whether {@link #connectionMade} registers at once. Twisted: {@code performLogin}.
     *
     * @param performLogin {@code false} to call {@link #register} yourself
     */
    public void setPerformLogin(boolean performLogin) {
        this.performLogin = performLogin;
    }

    /**
     * Sets whether registration starts with IRCv3 {@code CAP LS 302}; without it there are no tags,
     * no server-time and no SASL.
     *
     * @param enabled {@code true} by default
     */
    public void setCapabilityNegotiation(boolean enabled) {
        this.capabilityNegotiation = enabled;
    }

    /**
     * Sets whether to ask for {@code echo-message}, so our own messages come back through
     * {@link #privmsg}; off by default.
     *
     * @param echoMessage whether to ask for it
     */
    public void setEchoMessage(boolean echoMessage) {
        this.capabilities.setEchoMessage(echoMessage);
    }

    /**
     * Sets the account for SASL PLAIN, tried when the server offers {@code sasl}; never logged.
     *
     * @param authzid the identity to act as, or {@code null} for the account's own
     * @param username the account
     * @param password its password
     */
    public void setSaslAccount(@Nullable String authzid, String username, String password) {
        this.capabilities.setSaslAccount(authzid, username, password);
    }

    /**
     * Sets what a SASL failure does: quit ({@code true}) or carry on unauthenticated
     * ({@code false}, the default).
     *
     * @param saslRequired whether login must succeed
     */
    public void setSaslRequired(boolean saslRequired) {
        this.capabilities.setSaslRequired(saslRequired);
    }

    /**
     * What the server said it supports in {@code 005}. Twisted: {@code supported}.
     *
     * @return the features, live
     */
    public ServerSupportedFeatures getSupported() {
        return this.supported;
    }

    /**
     * The IRCv3 capabilities the server acknowledged.
     *
     * @return the capability names, read-only
     */
    public Set<String> getEnabledCapabilities() {
        return this.capabilities.enabled();
    }

    /**
     * Whether the server has welcomed us ({@code 001}).
     *
     * @return {@code true} once signed on
     */
    public boolean isRegistered() {
        return this.registered;
    }

    /**
     * Our own {@code nick!user@host} as the server relays it, learnt from the welcome, our own
     * {@code JOIN} or {@code 396}.
     *
     * @return the mask, or {@code null} until known
     */
    public @Nullable String getHostmask() {
        return this.hostmask;
    }

    /**
     * The message being handled, while a callback runs: its tags (IRCv3 {@code message-tags}),
     * source and parameters.
     *
     * @return the message, or {@code null} outside a callback
     */
    public @Nullable IRCMessage currentMessage() {
        return this.current;
    }

    /**
     * When the message being handled was sent: its {@code server-time} tag, else now on the
     * reactor clock.
     *
     * @return the time
     */
    public Instant messageTime() {
        IRCMessage message = this.current;
        String time = (message != null) ? message.tags().get("time") : null;
        if (time != null) {
            try {
                return Instant.parse(time);
            }
            catch (DateTimeParseException ex) {
                // a malformed time tag counts as none
            }
        }
        return now();
    }

    /** Now on the reactor clock. */
    Instant now() {
        return Instant.ofEpochMilli(Math.round(this.clock.seconds() * 1000));
    }

    /**
     * The nick in {@code nick!user@host}.
     *
     * @param user a full source or a bare nick
     * @return the nick
     */
    public static String nickOf(String user) {
        int bang = user.indexOf('!');
        return (bang < 0) ? user : user.substring(0, bang);
    }

    // ---------------------------------------------------------------- connection

    /** Registers if {@link #setPerformLogin performLogin} (the default). */
    @Override
    public void connectionMade() {
        super.connectionMade();
        if (this.performLogin) {
            register(this.nickname);
        }
    }

    /** Stops the heartbeat and drops what the throttle still held. */
    @Override
    public void connectionLost(Failure reason) {
        stopHeartbeat();
        this.throttle.clear();
        this.registered = false;
        super.connectionLost(reason);
    }

    /**
     * Registers: {@code CAP LS 302} (unless switched off), {@code PASS} if a password is set,
     * {@code NICK}, {@code USER}. Twisted: {@code register(nickname)}.
     *
     * @param nickname the nick to ask for
     */
    public void register(String nickname) {
        if (this.capabilityNegotiation) {
            this.capabilities.start();
        }
        if (this.password != null) {
            sendCommand("PASS", this.password);
        }
        setNick(nickname);
        String user = (this.username != null) ? this.username : nickname;
        String real = (this.realname != null && !this.realname.isEmpty()) ? this.realname : nickname;
        sendCommand("USER", user, "0", "*", real);
    }

    /**
     * The next nick to try after the server refused one during registration: the next configured
     * alternative, else the nick with {@code _} appended. Twisted: {@code alterCollidedNick}.
     *
     * @param nickname the refused nick
     * @return the nick to try
     */
    protected String alterCollidedNick(String nickname) {
        if (this.alternativesTried < this.alternativeNicknames.size()) {
            return this.alternativeNicknames.get(this.alternativesTried++);
        }
        return nickname + "_";
    }

    // ---------------------------------------------------------------- dispatch

    @Override
    protected final void messageReceived(IRCMessage message) {
        IRCMessage outer = this.current;
        this.current = message;
        try {
            handleCommand(message);
        }
        finally {
            this.current = outer;
        }
    }

    /**
     * Handles one message: its entry in the handler table, else {@link #ircUnknown}. Override to
     * see every message first (call {@code super} to keep the built-in handling). Twisted:
     * {@code handleCommand(command, prefix, params)}.
     *
     * @param message the message
     */
    protected void handleCommand(IRCMessage message) {
        Consumer<IRCMessage> handler = this.handlers.get(message.command());
        if (handler != null) {
            handler.accept(message);
        }
        else {
            ircUnknown(message.prefix(), message.command(), message.params());
        }
    }

    /**
     * Sets the handler of a command or numeric, replacing the built-in one if any (keep it with
     * {@link #getHandler} to call it too). Twisted: defining {@code irc_<COMMAND>} or
     * {@code irc_RPL_<NAME>}.
     *
     * @param command a command such as {@code INVITE} or a numeric such as {@code 311}
     * @param handler what to do with the message, or {@code null} to remove the entry
     */
    protected final void setHandler(String command, @Nullable Consumer<IRCMessage> handler) {
        this.handlers.set(command, handler);
    }

    /**
     * The handler of a command or numeric.
     *
     * @param command the command or numeric
     * @return the handler, or {@code null} when it goes to {@link #ircUnknown}
     */
    protected final @Nullable Consumer<IRCMessage> getHandler(String command) {
        return this.handlers.get(command);
    }

    /** Adds a built-in handler that is only called with at least {@code minParams} parameters. */
    private void on(String command, int minParams, Consumer<IRCMessage> handler) {
        this.handlers.set(command, message -> {
            if (message.params().size() < minParams) {
                badMessage(message.toLine(), new MalformedMessageException(
                        message.command() + " needs " + minParams + " parameters, got " + message.params().size()));
                return;
            }
            handler.accept(message);
        });
    }

    private void registerHandlers() {
        on("PING", 0, m -> sendNow(IRCMessage.of("PONG", Objects.requireNonNullElse(m.lastParam(), this.nickname))));
        on("PONG", 0, m -> this.heartbeat.ponged());
        on("PRIVMSG", 2, m -> onText(m, this::ctcpQuery, this::privmsg));
        on("NOTICE", 2, m -> onText(m, this::ctcpReply, this::noticed));
        on("JOIN", 1, this::onJoin);
        on("PART", 1, this::onPart);
        on("QUIT", 0, m -> userQuit(nick(m), Objects.requireNonNullElse(m.param(0), "")));
        on("KICK", 2, this::onKick);
        on("NICK", 1, this::onNick);
        on("TOPIC", 2, m -> topicUpdated(nick(m), m.params().get(0), m.params().get(1)));
        on("MODE", 2, this::onMode);
        on("CAP", 2, this.capabilities::cap);
        on("AUTHENTICATE", 1, this.capabilities::authenticate);
        on(Numerics.RPL_WELCOME, 1, this::onWelcome);
        on(Numerics.RPL_YOURHOST, 2, m -> yourHost(m.lastParam()));
        on(Numerics.RPL_CREATED, 2, m -> created(m.lastParam()));
        on(Numerics.RPL_MYINFO, 2, this::onMyInfo);
        on(Numerics.RPL_ISUPPORT, 2, this::onIsupport);
        on(Numerics.RPL_BOUNCE, 2, m -> bounce(m.lastParam()));
        on(Numerics.RPL_LUSERCLIENT, 2, m -> luserClient(m.lastParam()));
        on(Numerics.RPL_LUSEROP, 2, m -> luserOp(intParam(m.params().get(1))));
        on(Numerics.RPL_LUSERCHANNELS, 2, m -> luserChannels(intParam(m.params().get(1))));
        on(Numerics.RPL_LUSERME, 2, m -> luserMe(m.lastParam()));
        on(Numerics.RPL_TOPIC, 3, m -> topicUpdated(nick(m), m.params().get(1), m.params().get(2)));
        on(Numerics.RPL_MOTDSTART, 0, m -> this.motd = new ArrayList<>());
        on(Numerics.RPL_MOTD, 2, this::onMotdLine);
        on(Numerics.RPL_ENDOFMOTD, 0, m -> {
            List<String> lines = (this.motd != null) ? this.motd : List.of();
            this.motd = null;
            receivedMOTD(List.copyOf(lines));
        });
        on(Numerics.RPL_NAMREPLY, 4, this::onNamesReply);
        on(Numerics.RPL_ENDOFNAMES, 2, m -> {
            String channel = m.params().get(1);
            Map<String, String> names = this.namesInProgress.remove(fold(channel));
            receivedNames(channel, Collections.unmodifiableMap((names != null) ? names : new LinkedHashMap<>()));
        });
        on(RPL_VISIBLEHOST, 2, this::onVisibleHost);
        on(Numerics.ERR_NICKNAMEINUSE, 0, this::onNickRefused);
        on(Numerics.ERR_ERRONEUSNICKNAME, 0, this::onNickRefused);
        on(ERR_NICKCOLLISION, 0, this::onNickRefused);
        on(Numerics.RPL_LOGGEDIN, 0, m -> { });
        on(Numerics.RPL_SASLSUCCESS, 0, m -> this.capabilities.saslSucceeded());
        on(Numerics.ERR_SASLFAIL, 0, this.capabilities::saslFailed);
        on(Numerics.ERR_SASLTOOLONG, 0, this.capabilities::saslFailed);
        on(Numerics.ERR_SASLABORTED, 0, this.capabilities::saslFailed);
        on(Numerics.ERR_SASLALREADY, 0, m -> this.capabilities.saslSucceeded());
        on(Numerics.RPL_SASLMECHS, 0, m -> { });
    }

    // ---------------------------------------------------------------- registration handlers

    private void onWelcome(IRCMessage message) {
        this.registered = true;
        this.nickname = message.params().get(0);
        this.attemptedNick = this.nickname;
        this.capabilities.welcomed();
        String text = message.lastParam();
        if (text != null && message.params().size() > 1) {
            String last = text.substring(text.lastIndexOf(' ') + 1);
            if (isHostmask(last) && sameNick(nickOf(last), this.nickname)) {
                this.hostmask = last;
            }
        }
        startHeartbeat();
        signedOn();
    }

    private void onNickRefused(IRCMessage message) {
        if (this.registered) {
            ircUnknown(message.prefix(), message.command(), message.params());
            return;
        }
        setNick(alterCollidedNick(this.attemptedNick));
    }

    private void onMyInfo(IRCMessage message) {
        List<String> p = message.params();
        myInfo(p.get(1), p.size() > 2 ? p.get(2) : "", p.size() > 3 ? p.get(3) : "", p.size() > 4 ? p.get(4) : "");
    }

    private void onIsupport(IRCMessage message) {
        List<String> options = message.params().subList(1, message.params().size() - 1);
        this.supported.parse(options);
        isupport(options);
    }

    private void onMotdLine(IRCMessage message) {
        String line = Objects.requireNonNull(message.lastParam());
        if (line.startsWith("- ")) {
            line = line.substring(2);
        }
        if (this.motd == null) {
            this.motd = new ArrayList<>();
        }
        this.motd.add(line);
    }

    private void onVisibleHost(IRCMessage message) {
        String mask = this.hostmask;
        String host = message.params().get(1);
        int at = (mask != null) ? mask.indexOf('@') : -1;
        if (mask != null && at > 0) {
            this.hostmask = mask.substring(0, at + 1) + host;
        }
    }

    // ---------------------------------------------------------------- IRCv3 capabilities and SASL

    /**
     * The capabilities to ask for among those offered: {@code message-tags}, {@code server-time},
     * {@code multi-prefix}, {@code cap-notify}, {@code sasl} when an account is set and PLAIN is
     * offered, {@code echo-message} when switched on. Override to ask for more.
     *
     * @param offered the capabilities the server offers, with their values ({@code null} for none)
     * @return the ones to request
     */
    protected Set<String> wantedCapabilities(Map<String, @Nullable String> offered) {
        return this.capabilities.defaultWanted(offered);
    }

    // ---------------------------------------------------------------- message handlers

    /** Where a {@code PRIVMSG} or {@code NOTICE} (or its CTCP part) goes: {@code (user, channel, what)}. */
    @FunctionalInterface
    private interface Delivery<T> {

        void deliver(String user, String channel, T what);
    }

    /**
     * Splits the text of a {@code PRIVMSG} or {@code NOTICE} into its CTCP messages, handed to
     * {@code ctcp}, and the rest, handed to {@code text} unless empty.
     */
    private void onText(IRCMessage message, Delivery<List<CTCP.Message>> ctcp, Delivery<String> text) {
        String user = source(message);
        String channel = message.params().get(0);
        String body = message.params().get(1);
        if (CTCP.isCTCP(body)) {
            CTCP.Extracted parts = CTCP.ctcpExtract(body);
            if (!parts.extended().isEmpty()) {
                ctcp.deliver(user, channel, parts.extended());
            }
            if (parts.normal().isEmpty()) {
                return;
            }
            body = String.join(" ", parts.normal());
        }
        text.deliver(user, channel, body);
    }

    private void onJoin(IRCMessage message) {
        String nick = nick(message);
        String channel = message.params().get(0);
        if (sameNick(nick, this.nickname)) {
            String prefix = message.prefix();
            if (prefix != null && isHostmask(prefix)) {
                this.hostmask = prefix;
            }
            joined(channel);
        }
        else {
            userJoined(nick, channel);
        }
    }

    private void onPart(IRCMessage message) {
        String nick = nick(message);
        String channel = message.params().get(0);
        if (sameNick(nick, this.nickname)) {
            left(channel);
        }
        else {
            userLeft(nick, channel);
        }
    }

    private void onKick(IRCMessage message) {
        String channel = message.params().get(0);
        String kicked = message.params().get(1);
        String reason = Objects.requireNonNullElse(message.param(2), "");
        if (sameNick(kicked, this.nickname)) {
            kickedFrom(channel, nick(message), reason);
        }
        else {
            userKicked(kicked, channel, nick(message), reason);
        }
    }

    private void onNick(IRCMessage message) {
        String old = nick(message);
        String renamed = message.params().get(0);
        if (sameNick(old, this.nickname)) {
            this.nickname = renamed;
            this.attemptedNick = renamed;
            String mask = this.hostmask;
            if (mask != null && mask.indexOf('!') > 0) {
                this.hostmask = renamed + mask.substring(mask.indexOf('!'));
            }
            nickChanged(renamed);
        }
        else {
            userRenamed(old, renamed);
        }
    }

    private void onMode(IRCMessage message) {
        String target = message.params().get(0);
        String modes = message.params().get(1);
        List<String> args = message.params().subList(2, message.params().size());
        String withParam = "";
        String withParamWhenSet = "";
        if (this.supported.isChannel(target)) {
            List<String> kinds = this.supported.chanModes();
            StringBuilder prefixModes = new StringBuilder();
            this.supported.prefix().keySet().forEach(prefixModes::append);
            withParam = prefixModes + kinds.get(0) + kinds.get(1);
            withParamWhenSet = kinds.get(2);
        }
        boolean set = true;
        int next = 0;
        StringBuilder run = new StringBuilder();
        List<@Nullable String> runArgs = new ArrayList<>();
        for (int i = 0; i < modes.length(); i++) {
            char c = modes.charAt(i);
            if (c == '+' || c == '-') {
                if (run.length() > 0) {
                    modeChanged(source(message), target, set, run.toString(), Collections.unmodifiableList(runArgs));
                    run = new StringBuilder();
                    runArgs = new ArrayList<>();
                }
                set = (c == '+');
                continue;
            }
            boolean takesParam = withParam.indexOf(c) >= 0 || (set && withParamWhenSet.indexOf(c) >= 0);
            run.append(c);
            runArgs.add((takesParam && next < args.size()) ? args.get(next++) : null);
        }
        if (run.length() > 0) {
            modeChanged(source(message), target, set, run.toString(), Collections.unmodifiableList(runArgs));
        }
    }

    private void onNamesReply(IRCMessage message) {
        String channel = message.params().get(2);
        Map<String, String> names = this.namesInProgress.computeIfAbsent(fold(channel), key -> new LinkedHashMap<>());
        String symbols = String.valueOf(this.supported.prefix().values().stream()
                .map(String::valueOf).reduce("", String::concat));
        for (String entry : words(Objects.requireNonNull(message.lastParam()))) {
            int start = 0;
            while (start < entry.length() && symbols.indexOf(entry.charAt(start)) >= 0) {
                start++;
            }
            if (start < entry.length()) {
                names.put(nickOf(entry.substring(start)), entry.substring(0, start));
            }
        }
    }

    // ---------------------------------------------------------------- CTCP

    /**
     * Sets the handler of a CTCP query tag, replacing the built-in one ({@code ACTION},
     * {@code CLIENTINFO}, {@code PING}, {@code SOURCE}, {@code TIME}, {@code USERINFO},
     * {@code VERSION}); {@code CLIENTINFO} lists what has a handler. Twisted: defining
     * {@code ctcpQuery_<TAG>}.
     *
     * @param tag the tag, such as {@code FINGER}
     * @param handler the handler, or {@code null} to remove the tag
     */
    protected final void setCtcpQueryHandler(String tag, @Nullable CtcpQueryHandler handler) {
        this.ctcpResponder.setHandler(tag, handler);
    }

    /**
     * CTCP queries arrived in a {@code PRIVMSG}: each goes to its handler, or to
     * {@link #ctcpUnknownQuery}. Twisted: {@code ctcpQuery}.
     *
     * @param user who sent them, {@code nick!user@host}
     * @param channel where: a channel, or our nick
     * @param messages the queries
     */
    public void ctcpQuery(String user, String channel, List<CTCP.Message> messages) {
        this.ctcpResponder.query(user, channel, messages);
    }

    /**
     * A CTCP query nothing handles. Does nothing by default. Twisted: {@code ctcpUnknownQuery}.
     *
     * @param user who sent it
     * @param channel where
     * @param tag the tag
     * @param data its data, or {@code null}
     */
    public void ctcpUnknownQuery(String user, String channel, String tag, @Nullable String data) {
    }

    /**
     * CTCP replies arrived in a {@code NOTICE}: a {@code PING} reply to our {@link #ping} becomes
     * {@link #pong}; others go to {@link #ctcpUnknownReply}. Twisted: {@code ctcpReply}.
     *
     * @param user who sent them
     * @param channel where
     * @param messages the replies
     */
    public void ctcpReply(String user, String channel, List<CTCP.Message> messages) {
        for (CTCP.Message message : messages) {
            if (message.tag().equalsIgnoreCase("PING") && message.data() != null) {
                Double sent = this.pings.remove(pingKey(nickOf(user), message.data()));
                if (sent != null) {
                    pong(user, this.clock.seconds() - sent);
                    continue;
                }
            }
            ctcpUnknownReply(user, channel, message.tag(), message.data());
        }
    }

    /**
     * A CTCP reply nothing handles. Does nothing by default. Twisted: {@code ctcpUnknownReply}.
     *
     * @param user who sent it
     * @param channel where
     * @param tag the tag
     * @param data its data, or {@code null}
     */
    public void ctcpUnknownReply(String user, String channel, String tag, @Nullable String data) {
    }

    /**
     * Sends CTCP queries in one {@code PRIVMSG}. Twisted: {@code ctcpMakeQuery}.
     *
     * @param user the nick or channel
     * @param messages the queries
     */
    public void ctcpMakeQuery(String user, List<CTCP.Message> messages) {
        sendCommand("PRIVMSG", user, CTCP.ctcpStringify(messages));
    }

    /**
     * Sends CTCP replies in one {@code NOTICE}. Twisted: {@code ctcpMakeReply}.
     *
     * @param user the nick
     * @param messages the replies
     */
    public void ctcpMakeReply(String user, List<CTCP.Message> messages) {
        sendCommand("NOTICE", user, CTCP.ctcpStringify(messages));
    }

    // ---------------------------------------------------------------- commands

    /**
     * Joins a channel, adding {@code #} unless the name starts with one of the server's
     * {@code CHANTYPES}. Twisted: {@code join(channel)}.
     *
     * @param channel the channel
     */
    public void join(String channel) {
        sendCommand("JOIN", channelName(channel));
    }

    /**
     * Joins a channel that has a key. Twisted: {@code join(channel, key)}.
     *
     * @param channel the channel
     * @param key its key, or {@code null} for none
     */
    public void join(String channel, @Nullable String key) {
        if (key == null) {
            join(channel);
        }
        else {
            sendCommand("JOIN", channelName(channel), key);
        }
    }

    /**
     * Leaves a channel. Twisted: {@code leave(channel)}.
     *
     * @param channel the channel
     */
    public void leave(String channel) {
        sendCommand("PART", channelName(channel));
    }

    /**
     * Leaves a channel with a reason the others see. Twisted: {@code leave(channel, reason)}.
     *
     * @param channel the channel
     * @param reason the reason, or {@code null}
     */
    public void leave(String channel, @Nullable String reason) {
        if (reason == null) {
            leave(channel);
        }
        else {
            sendCommand("PART", channelName(channel), reason);
        }
    }

    /**
     * The same as {@link #leave(String, String)}. Twisted: {@code part}.
     *
     * @param channel the channel
     * @param reason the reason, or {@code null}
     */
    public void part(String channel, @Nullable String reason) {
        leave(channel, reason);
    }

    /**
     * Kicks a user from a channel. Twisted: {@code kick(channel, user, reason)}.
     *
     * @param channel the channel
     * @param user the nick
     * @param reason the reason, or {@code null}
     */
    public void kick(String channel, String user, @Nullable String reason) {
        if (reason == null) {
            sendCommand("KICK", channelName(channel), user);
        }
        else {
            sendCommand("KICK", channelName(channel), user, reason);
        }
    }

    /**
     * Invites a user to a channel. Twisted: {@code invite(user, channel)}.
     *
     * @param user the nick
     * @param channel the channel
     */
    public void invite(String user, String channel) {
        sendCommand("INVITE", user, channelName(channel));
    }

    /**
     * Sets or asks for a channel's topic. Twisted: {@code topic(channel, topic=None)}.
     *
     * @param channel the channel
     * @param topic the new topic ({@code ""} clears it), or {@code null} to ask for it
     */
    public void topic(String channel, @Nullable String topic) {
        if (topic == null) {
            sendCommand("TOPIC", channelName(channel));
        }
        else {
            sendCommand("TOPIC", channelName(channel), topic);
        }
    }

    /**
     * Changes modes of a channel or of ourselves: {@code mode("#c", true, "ov", "alice", "bob")}
     * sends {@code MODE #c +ov alice bob}. Twisted: {@code mode(chan, set, modes, limit, user, mask)}.
     *
     * @param target the channel or our nick
     * @param set {@code true} to set, {@code false} to unset
     * @param modes the mode letters
     * @param args their parameters (a limit, a nick, a mask), in order
     */
    public void mode(String target, boolean set, String modes, String... args) {
        String[] params = new String[args.length + 2];
        params[0] = target;
        params[1] = (set ? "+" : "-") + modes;
        System.arraycopy(args, 0, params, 2, args.length);
        sendCommand("MODE", params);
    }

    /**
     * Sends a message to a channel, adding {@code #} as {@link #join} does. Twisted:
     * {@code say(channel, message)}.
     *
     * @param channel the channel
     * @param message the text; split as {@link #msg(String, String)} does
     */
    public void say(String channel, String message) {
        msg(channelName(channel), message);
    }

    /**
     * Sends a message to a nick or channel, as many {@code PRIVMSG}s as it takes: the text is cut
     * at line breaks, then wherever a line would make the relayed message (with the
     * {@code :nick!user@host} the server puts before it) longer than 512 bytes, at a space if
     * one fits, never inside a UTF-8 sequence. Twisted: {@code msg(user, message)}.
     *
     * @param user the nick or channel
     * @param message the text
     */
    public void msg(String user, String message) {
        sendSplit("PRIVMSG", user, message, 0, 0, "", "");
    }

    /**
     * Sends a message with lines of at most {@code length} bytes as we send them (CR LF included);
     * never more than {@link #msg(String, String)} would send. Twisted: {@code msg(user, message, length)}.
     *
     * @param user the nick or channel
     * @param message the text
     * @param length the longest line to send
     * @throws IllegalArgumentException if no text fits in {@code length}
     */
    public void msg(String user, String message, int length) {
        sendSplit("PRIVMSG", user, message, length, 0, "", "");
    }

    /**
     * Sends a notice, split as {@link #msg(String, String)} does. Twisted: {@code notice(user, message)}.
     *
     * @param user the nick or channel
     * @param message the text
     */
    public void notice(String user, String message) {
        sendSplit("NOTICE", user, message, 0, 0, "", "");
    }

    /**
     * Sends a CTCP ACTION ({@code /me}), split as {@link #msg(String, String)} does, each piece its
     * own ACTION. Twisted: {@code describe(channel, action)}.
     *
     * @param channel the nick or channel
     * @param action the text
     */
    public void describe(String channel, String action) {
        int quoting = 0;
        for (int i = 0; i < action.length(); i++) {
            char c = action.charAt(i);
            if (c == CTCP.X_DELIM || c == CTCP.X_QUOTE || c == CTCP.M_QUOTE || c == '\0') {
                quoting++;
            }
        }
        sendSplit("PRIVMSG", channel, action, 0, quoting, CTCP.X_DELIM + "ACTION ", String.valueOf(CTCP.X_DELIM));
    }

    /**
     * Asks for a new nick. Twisted: {@code setNick(nickname)}.
     *
     * @param nickname the nick
     */
    public void setNick(String nickname) {
        this.attemptedNick = requireWord(nickname, "nickname");
        if (!this.registered) {
            this.nickname = nickname;
        }
        sendCommand("NICK", nickname);
    }

    /**
     * Asks for information about a user. Twisted: {@code whois(nickname, server=None)}.
     *
     * @param nickname the nick
     */
    public void whois(String nickname) {
        sendCommand("WHOIS", nickname);
    }

    /**
     * Asks a given server for information about a user.
     *
     * @param nickname the nick
     * @param server the server to ask
     */
    public void whois(String nickname, String server) {
        sendCommand("WHOIS", server, nickname);
    }

    /**
     * Asks for the members of a channel; {@link #receivedNames} follows.
     *
     * @param channel the channel
     */
    public void names(String channel) {
        sendCommand("NAMES", channelName(channel));
    }

    /**
     * Marks us away. Twisted: {@code away(message)}.
     *
     * @param message why
     */
    public void away(String message) {
        sendCommand("AWAY", message.isEmpty() ? "away" : message);
    }

    /** Marks us back. Twisted: {@code back()}. */
    public void back() {
        sendCommand("AWAY");
    }

    /**
     * Measures the round trip to a user with CTCP PING; {@link #pong} follows when they answer.
     * Twisted: {@code ping(user, text=None)}.
     *
     * @param user the nick
     * @param text the token to send, or {@code null} for the clock's time
     */
    public void ping(String user, @Nullable String text) {
        String key = (text != null) ? text : String.valueOf(Math.round(this.clock.seconds() * 1000));
        this.pings.put(pingKey(user, key), this.clock.seconds());
        while (this.pings.size() > MAX_PINGS) {
            this.pings.remove(this.pings.keySet().iterator().next());
        }
        ctcpMakeQuery(user, List.of(new CTCP.Message("PING", key)));
    }

    /**
     * Disconnects politely. Twisted: {@code quit(message)}.
     *
     * @param message the reason the others see, or {@code null}
     */
    public void quit(@Nullable String message) {
        if (message == null) {
            sendCommand("QUIT");
        }
        else {
            sendCommand("QUIT", message);
        }
    }

    /**
     * Sends one line, through the throttle when {@link #setLineRate lineRate} is set. Twisted:
     * {@code sendLine}.
     *
     * @param line the line without CR LF
     * @throws IllegalArgumentException if it holds CR, LF or NUL (a second line would be injected)
     */
    @Override
    public void sendLine(String line) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A line may not contain CR, LF or NUL");
        }
        this.throttle.send(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one line of bytes, through the throttle.
     *
     * @param line the line without CR LF
     * @throws IllegalArgumentException if it holds CR, LF or NUL
     */
    @Override
    public void sendLine(byte[] line) {
        for (byte b : line) {
            if (b == '\r' || b == '\n' || b == 0) {
                throw new IllegalArgumentException("A line may not contain CR, LF or NUL");
            }
        }
        this.throttle.send(line.clone());
    }

    /** Sends a message through the throttle. */
    @Override
    public void sendMessage(IRCMessage message) {
        this.throttle.send(message.toBytes());
    }

    /** Writes past the throttle: PONG and the heartbeat must not wait behind a long queue. */
    private void sendNow(IRCMessage message) {
        write(message.toBytes());
    }

    private void write(byte[] line) {
        this.transport.writeSequence(List.of(line, CRLF));
    }

    // ---------------------------------------------------------------- heartbeat

    /** Starts the heartbeat, if an interval is set. Twisted: {@code startHeartbeat}. */
    public void startHeartbeat() {
        this.heartbeat.start();
    }

    /** Stops the heartbeat. Twisted: {@code stopHeartbeat}. */
    public void stopHeartbeat() {
        this.heartbeat.stop();
    }

    private void serverDead() {
        log.info("{}: no PONG from the server within {}; closing the connection", logPrefix(), getHeartbeatInterval());
        this.transport.abortConnection();
    }

    // ---------------------------------------------------------------- callbacks

    /** Registration is complete ({@code 001}). Twisted: {@code signedOn}. */
    public void signedOn() {
    }

    /**
     * We joined a channel. Twisted: {@code joined}.
     *
     * @param channel the channel
     */
    public void joined(String channel) {
    }

    /**
     * We left a channel. Twisted: {@code left}.
     *
     * @param channel the channel
     */
    public void left(String channel) {
    }

    /**
     * A message arrived. Twisted: {@code privmsg}.
     *
     * @param user the sender, {@code nick!user@host}
     * @param channel the channel, or our nick for a private message
     * @param message the text (CTCP parts removed)
     */
    public void privmsg(String user, String channel, String message) {
    }

    /**
     * A notice arrived. Twisted: {@code noticed}.
     *
     * @param user the sender, {@code nick!user@host} or a server name ({@code ""} when none)
     * @param channel the channel, or our nick
     * @param message the text
     */
    public void noticed(String user, String channel, String message) {
    }

    /**
     * A CTCP ACTION ({@code /me}) arrived. Twisted: {@code action}.
     *
     * @param user the sender, {@code nick!user@host}
     * @param channel the channel, or our nick
     * @param data the action text
     */
    public void action(String user, String channel, String data) {
    }

    /**
     * Someone joined a channel we are in. Twisted: {@code userJoined}.
     *
     * @param user their nick
     * @param channel the channel
     */
    public void userJoined(String user, String channel) {
    }

    /**
     * Someone left a channel we are in. Twisted: {@code userLeft}.
     *
     * @param user their nick
     * @param channel the channel
     */
    public void userLeft(String user, String channel) {
    }

    /**
     * Someone sharing a channel with us quit. Twisted: {@code userQuit}.
     *
     * @param user their nick
     * @param quitMessage their reason, {@code ""} when none
     */
    public void userQuit(String user, String quitMessage) {
    }

    /**
     * Someone changed nick. Twisted: {@code userRenamed}.
     *
     * @param oldname the old nick
     * @param newname the new nick
     */
    public void userRenamed(String oldname, String newname) {
    }

    /**
     * Our nick changed. Twisted: {@code nickChanged}.
     *
     * @param nick the new nick
     */
    public void nickChanged(String nick) {
    }

    /**
     * A channel's topic changed, or was told ({@code 332}). Twisted: {@code topicUpdated}.
     *
     * @param user who set it (a nick), or the server for {@code 332}
     * @param channel the channel
     * @param newTopic the topic
     */
    public void topicUpdated(String user, String channel, String newTopic) {
    }

    /**
     * We were kicked. Twisted: {@code kickedFrom}.
     *
     * @param channel the channel
     * @param kicker their nick
     * @param message their reason
     */
    public void kickedFrom(String channel, String kicker, String message) {
    }

    /**
     * Someone else was kicked. Twisted: {@code userKicked}.
     *
     * @param kickee the kicked nick
     * @param channel the channel
     * @param kicker who kicked
     * @param message the reason
     */
    public void userKicked(String kickee, String channel, String kicker, String message) {
    }

    /**
     * Modes changed, once per run of {@code +} or {@code -}: {@code MODE #c +o-v a b} gives
     * {@code (true, "o", [a])} then {@code (false, "v", [b])}. Which modes take a parameter comes
     * from ISUPPORT {@code PREFIX} and {@code CHANMODES}. Twisted: {@code modeChanged}.
     *
     * @param user who changed them, {@code nick!user@host} or a server
     * @param channel the channel, or our nick for user modes
     * @param set {@code true} for added modes
     * @param modes the mode letters
     * @param args each mode's parameter, {@code null} for one without (or missing)
     */
    public void modeChanged(String user, String channel, boolean set, String modes, List<@Nullable String> args) {
    }

    /**
     * The message of the day, whole. Twisted: {@code receivedMOTD}.
     *
     * @param lines its lines, without the {@code "- "} daemons put before them
     */
    public void receivedMOTD(List<String> lines) {
    }

    /**
     * A channel's members, after {@link #names} or joining (with {@code multi-prefix}, every
     * prefix a member has). Beyond Twisted, whose users write {@code irc_RPL_NAMREPLY}.
     *
     * @param channel the channel
     * @param nicks nick to its prefix symbols ({@code "@+"}, {@code ""} for none), in the server's order
     */
    public void receivedNames(String channel, Map<String, String> nicks) {
    }

    /**
     * One {@code 005} line arrived; {@link #getSupported()} is already updated. Twisted:
     * {@code isupport}.
     *
     * @param options its tokens
     */
    public void isupport(List<String> options) {
    }

    /**
     * {@code 002}. Twisted: {@code yourHost}.
     *
     * @param info the text
     */
    public void yourHost(String info) {
    }

    /**
     * {@code 003}. Twisted: {@code created}.
     *
     * @param when the text
     */
    public void created(String when) {
    }

    /**
     * {@code 004}. Twisted: {@code myInfo}.
     *
     * @param servername the server
     * @param version its version
     * @param umodes the user modes
     * @param cmodes the channel modes
     */
    public void myInfo(String servername, String version, String umodes, String cmodes) {
    }

    /**
     * {@code 010}: use another server. Twisted: {@code bounce}.
     *
     * @param info the text
     */
    public void bounce(String info) {
    }

    /**
     * {@code 251}. Twisted: {@code luserClient}.
     *
     * @param info the text
     */
    public void luserClient(String info) {
    }

    /**
     * {@code 252}. Twisted: {@code luserOp}.
     *
     * @param ops how many operators are online
     */
    public void luserOp(int ops) {
    }

    /**
     * {@code 254}. Twisted: {@code luserChannels}.
     *
     * @param channels how many channels exist
     */
    public void luserChannels(int channels) {
    }

    /**
     * {@code 255}. Twisted: {@code luserMe}.
     *
     * @param info the text
     */
    public void luserMe(String info) {
    }

    /**
     * A user answered our {@link #ping}. Twisted: {@code pong}.
     *
     * @param user who answered, {@code nick!user@host}
     * @param secs the round trip, in seconds
     */
    public void pong(String user, double secs) {
    }

    /**
     * SASL login failed ({@code 904}, {@code 905} or {@code 906}); next the client quits if SASL
     * is required, else carries on unauthenticated. Beyond Twisted.
     *
     * @param numeric the numeric
     * @param reason the server's text
     */
    public void saslFailed(String numeric, String reason) {
    }

    /**
     * A command or numeric with no handler arrived. Does nothing by default. Twisted:
     * {@code irc_unknown}.
     *
     * @param prefix the source, or {@code null}
     * @param command the command or numeric
     * @param params its parameters
     */
    public void ircUnknown(@Nullable String prefix, String command, List<String> params) {
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Whether two nicks are one under the server's {@code CASEMAPPING}.
     *
     * @param a a nick
     * @param b another
     * @return {@code true} if they are the same nick
     */
    public boolean sameNick(String a, String b) {
        return this.supported.caseMapping().equalsIgnoreCase(a, b);
    }

    private String fold(String name) {
        return this.supported.caseMapping().toLowerCase(name);
    }

    private String channelName(String channel) {
        return this.supported.isChannel(channel) ? channel : "#" + channel;
    }

    private static String source(IRCMessage message) {
        String prefix = message.prefix();
        return (prefix != null) ? prefix : "";
    }

    private static String nick(IRCMessage message) {
        String nick = message.sourceNick();
        return (nick != null) ? nick : "";
    }

    /** Whether a source is a full {@code nick!user@host}, not a bare nick or server. */
    private static boolean isHostmask(String source) {
        return source.indexOf('!') > 0 && source.indexOf('@') > 0;
    }

    private String pingKey(String nick, String key) {
        return fold(nick) + '\0' + key;
    }

    private static int intParam(String value) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** The words of a space-separated list, without empty ones. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static @Nullable Duration requirePositiveOrNull(@Nullable Duration duration, String what) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(what + " (" + duration + ") must be positive or null");
        }
        return duration;
    }

    private static String requireWord(String word, String what) {
        Objects.requireNonNull(word, what);
        if (word.isEmpty() || word.indexOf(' ') >= 0 || word.indexOf('\r') >= 0 || word.indexOf('\n') >= 0
                || word.indexOf('\0') >= 0 || word.startsWith(":")) {
            throw new IllegalArgumentException(what + " must be one word without ':' at the start: '" + word + "'");
        }
        return word;
    }

    /**
     * The bytes the server puts before a message it relays from us: {@code :nick!user@host } as
     * we know it, else the longest it could be.
     */
    private int relayPrefixBytes() {
        String mask = this.hostmask;
        if (mask != null) {
            return IRCText.utf8Length(mask) + 2;
        }
        String userLength = this.supported.getFeature("USERLEN");
        int user = Math.max(UNKNOWN_USER_BYTES, (userLength != null) ? intParam(userLength) + 1 : 0);
        return 1 + IRCText.utf8Length(this.nickname) + 1 + user + 1 + UNKNOWN_HOST_BYTES + 1;
    }

    /**
     * Sends text as one command per piece, each piece wrapped in {@code before} and
     * {@code after}, so that every relayed line fits in 512 bytes (and every sent line in
     * {@code length}, when positive).
     */
    private void sendSplit(String command, String target, String text, int length, int reserve, String before,
            String after) {
        int framing = IRCText.utf8Length(command + " " + target + " :") + CRLF.length;
        int room = IRCMessage.MAX_LINE_BYTES - framing - relayPrefixBytes();
        if (length > 0) {
            room = Math.min(room, length - framing);
        }
        room -= IRCText.utf8Length(before) + IRCText.utf8Length(after) + reserve;
        if (room < 4) {
            throw new IllegalArgumentException("No room for text in a " + command + " to " + target + " (" + room
                    + " bytes left of " + ((length > 0) ? length : IRCMessage.MAX_LINE_BYTES) + ")");
        }
        for (String piece : IRCText.split(text, room)) {
            String body = before.isEmpty() ? piece : before + CTCP.lowQuote(CTCP.ctcpQuote(piece)) + after;
            sendCommand(command, target, body);
        }
    }

    /** Names the client by nick, never by its credentials. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + this.nickname + ")";
    }
}
