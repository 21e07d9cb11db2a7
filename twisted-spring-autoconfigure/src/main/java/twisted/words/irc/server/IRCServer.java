package twisted.words.irc.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import twisted.cluster.Cluster;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.Protocol;
import twisted.time.ReactorTime;
import twisted.words.irc.CaseMapping;
import twisted.words.irc.IRCMessage;

/**
 * An IRC daemon's shared state: the users by nick, the channels, the counters. It builds one
 * {@link IRCUser} per connection through {@link #factory()}; hand that factory to
 * {@code reactor.listenTCP} (or an endpoint).
 *
 * <pre>{@code
 * IRCServer server = new IRCServer(IRCServerSettings.defaults(), reactor, portal, new LoginThrottle(reactor));
 * reactor.listenTCP(6667, server.factory());
 * }</pre>
 *
 * <h2>Threads</h2>
 * All protocol state is touched only on the reactor thread, as the book's chat server does, so
 * it needs no locks. {@link #statistics()} alone may be called from any thread.
 *
 * <h2>Logins</h2>
 * With a {@link Portal}, users may log in to an account with SASL PLAIN or
 * {@code PASS account:password} (or {@code PASS password}, the account being the nick), checked
 * by the portal's checkers (so Spring Security's users are IRC users) and, when a
 * {@link LoginThrottle} is given, slowed down after failures. Without a portal, everyone is
 * anonymous and SASL is not offered.
 *
 * <h2>Several nodes</h2>
 * Given a {@link Cluster}, the server is one node of an IRC network of identical nodes behind a
 * load balancer: a nick is claimed in the cluster before it is granted (a nick held on another
 * node gets {@code 433}; while the cluster cannot be reached, new nicks get
 * {@code 437 ERR_UNAVAILRESOURCE}), what a user does in a channel reaches the members on every
 * node, as do private messages to a user of another node, and the users of a node that is lost
 * quit for everyone else. The user's next commands wait, in order, while the cluster answers.
 * Without one, the server runs on its own exactly as before.
 *
 * <p>Twisted: {@code words.service.IRCFactory} together with {@code InMemoryWordsRealm}.
 *
 * @since 0.1.0
 */
public final class IRCServer {

    private final EncodedLines lines = new EncodedLines();

    /** The software name and version in {@code 002}, {@code 004} and {@code VERSION}. */
    static final String VERSION = "twisted-spring-0.1.0";

    private static final DateTimeFormatter CREATED = DateTimeFormatter
            .ofPattern("EEE MMM dd yyyy 'at' HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final IRCServerSettings settings;

    private final ReactorTime clock;

    private final @Nullable Portal portal;

    private final @Nullable LoginThrottle throttle;

    private final long createdAt;

    private final Map<String, IRCUser> nicks = new HashMap<>();

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    private final Set<IRCUser> connections = new LinkedHashSet<>();

    private final Map<String, Integer> perHost = new HashMap<>();

    private final AtomicInteger registeredCount = new AtomicInteger();

    private final AtomicInteger unregisteredCount = new AtomicInteger();

    private final AtomicInteger operatorCount = new AtomicInteger();

    private final LongAdder relayed = new LongAdder();

    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    private final List<String> isupport;

    private final @Nullable ClusterLink link;

    /** Folded nicks a local user is claiming in the cluster, with the claimant. */
    private final Map<String, IRCUser> claiming = new HashMap<>();

    /**
     * Creates the server with its configured channels, on its own.
     *
     * @param settings the settings
     * @param clock the reactor's clock: timeouts, flood control, times shown to clients
     * @param portal where account logins are checked, or {@code null} for anonymous users only
     * @param throttle slows down repeated failed logins from one address, or {@code null}
     */
    public IRCServer(IRCServerSettings settings, ReactorTime clock, @Nullable Portal portal,
            @Nullable LoginThrottle throttle) {
        this(settings, clock, portal, throttle, null);
    }

    /**
     * Creates the server with its configured channels, as one node of a cluster when one is given.
     * It subscribes to the cluster's bus at once; call {@link #shutdown} to leave.
     *
     * @param settings the settings
     * @param clock the reactor's clock: timeouts, flood control, times shown to clients
     * @param portal where account logins are checked, or {@code null} for anonymous users only
     * @param throttle slows down repeated failed logins from one address, or {@code null}
     * @param cluster the cluster this server is a node of, or {@code null} to run on its own
     */
    public IRCServer(IRCServerSettings settings, ReactorTime clock, @Nullable Portal portal,
            @Nullable LoginThrottle throttle, @Nullable Cluster cluster) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.portal = (portal != null) ? portal.withRealm(Account::realm) : null;
        this.throttle = throttle;
        this.createdAt = (long) clock.seconds();
        for (IRCServerSettings.ChannelSettings config : settings.channels()) {
            Channel channel = new Channel(config.name(), fold(config.name()), true, this.createdAt);
            for (char mode : config.modes().toCharArray()) {
                if (mode != '+') {
                    channel.flags.add(mode);
                }
            }
            channel.key = config.key();
            if (config.topic() != null) {
                channel.topic = config.topic();
                channel.topicSetBy = settings.serverName();
                channel.topicSetAt = this.createdAt;
            }
            this.channels.put(channel.folded, channel);
        }
        this.isupport = isupportTokens(settings);
        this.link = (cluster != null) ? new ClusterLink(cluster, this) : null;
        if (this.link != null) {
            this.link.start();
        }
    }

    /**
     * The factory to listen with: one {@link IRCUser} per connection. A connection from an
     * address that already holds {@code clientsPerHost} connections gets an {@code ERROR} line
     * and is closed.
     *
     * @return the factory
     */
    public Factory factory() {
        return new Factory() {
            @Override
            public Protocol buildProtocol(Address address) {
                Protocol protocol;
                if (hostCount(hostOf(address)) >= IRCServer.this.settings.clientsPerHost()) {
                    refused("clients-per-host");
                    protocol = new Refusal("Too many connections from your host");
                }
                else {
                    protocol = new IRCUser(IRCServer.this);
                }
                protocol.setFactory(this);
                return protocol;
            }

            @Override
            public String logPrefix() {
                return "IRCServer";
            }
        };
    }

    /**
     * A snapshot of the counters. Safe from any thread (the Actuator and meters read it).
     *
     * @return the statistics
     */
    public Statistics statistics() {
        Map<String, Long> refusals = new TreeMap<>();
        this.refused.forEach((tag, count) -> refusals.put(tag, count.sum()));
        List<ChannelSummary> list = new ArrayList<>();
        for (Channel channel : this.channels.values()) {
            list.add(new ChannelSummary(channel.name, channel.memberCount, channel.topic));
        }
        list.sort((a, b) -> a.name().compareTo(b.name()));
        ClusterLink cluster = this.link;
        return new Statistics(this.registeredCount.get(), this.unregisteredCount.get(), this.operatorCount.get(),
                this.channels.size(), this.relayed.sum(), Map.copyOf(refusals), List.copyOf(list),
                (cluster != null) ? cluster.sent.sum() : 0, (cluster != null) ? cluster.received.sum() : 0,
                (cluster != null) ? cluster.dropped.sum() : 0);
    }

    /**
     * Closes every connection, each told with {@code ERROR :Closing Link: <host> (<reason>)}.
     * Call it on the reactor thread.
     *
     * @param reason why, such as "Server shutting down"
     */
    public void shutdown(String reason) {
        for (IRCUser user : List.copyOf(this.connections)) {
            user.close(reason, reason, null);
        }
        if (this.link != null) {
            this.link.stop();
        }
    }

    /**
     * What {@link #statistics()} returns.
     *
     * @param users registered users
     * @param unregistered connections that have not registered yet
     * @param operators users with {@code +o}
     * @param channels channels that exist
     * @param messagesRelayed {@code PRIVMSG}, {@code NOTICE} and {@code TAGMSG} delivered, one per recipient
     * @param clientsRefused connections refused or dropped, by reason: {@code clients-per-host},
     *        {@code bad-password}, {@code login-required}, {@code flood}, {@code ping-timeout},
     *        {@code registration-timeout}, {@code send-queue}, {@code killed}
     * @param channelList every channel with its member count (members on other nodes included) and topic
     * @param clusterSent messages this node published to the other nodes of its cluster
     * @param clusterReceived messages this node received from the other nodes
     * @param clusterDropped messages from other nodes dropped as malformed
     * @since 0.1.0
     */
    public record Statistics(int users, int unregistered, int operators, int channels, long messagesRelayed,
            Map<String, Long> clientsRefused, List<ChannelSummary> channelList, long clusterSent, long clusterReceived,
            long clusterDropped) {
    }

    /**
     * One channel in {@link Statistics}.
     *
     * @param name the channel's name
     * @param members how many users are in it, on every node
     * @param topic its topic, or {@code null}
     * @since 0.1.0
     */
    public record ChannelSummary(String name, int members, @Nullable String topic) {
    }

    // ------------------------------------------------------------------ for the protocol, reactor thread only

    IRCServerSettings settings() {
        return this.settings;
    }

    /** The wire bytes of the message being fanned out, shared by its recipients. */
    EncodedLines lines() {
        return this.lines;
    }

    ReactorTime clock() {
        return this.clock;
    }

    CaseMapping caseMapping() {
        return this.settings.caseMapping();
    }

    String name() {
        return this.settings.serverName();
    }

    String fold(String name) {
        return this.settings.caseMapping().toLowerCase(name);
    }

    long createdAt() {
        return this.createdAt;
    }

    String createdText() {
        return CREATED.format(Instant.ofEpochSecond(this.createdAt));
    }

    List<String> isupport() {
        return this.isupport;
    }

    /** The link to the other nodes, or {@code null} on a server of its own. */
    @Nullable ClusterLink link() {
        return this.link;
    }

    /** The local user claiming this nick in the cluster now, if any. */
    @Nullable IRCUser claiming(String nick) {
        return this.claiming.get(fold(nick));
    }

    void claimStarted(IRCUser user, String nick) {
        this.claiming.put(fold(nick), user);
    }

    void claimEnded(IRCUser user, String nick) {
        this.claiming.remove(fold(nick), user);
    }

    boolean saslAvailable() {
        return this.portal != null;
    }

    @Nullable IRCUser user(String nick) {
        return this.nicks.get(fold(nick));
    }

    /** A registered user by nick. */
    @Nullable IRCUser registeredUser(String nick) {
        IRCUser user = this.nicks.get(fold(nick));
        return (user != null && user.registered) ? user : null;
    }

    Collection<IRCUser> registeredUsers() {
        List<IRCUser> users = new ArrayList<>();
        for (IRCUser user : this.connections) {
            if (user.registered) {
                users.add(user);
            }
        }
        return users;
    }

    @Nullable Channel channel(String name) {
        return this.channels.get(fold(name));
    }

    Collection<Channel> channels() {
        return this.channels.values();
    }

    Channel createChannel(String name) {
        Channel channel = new Channel(name, fold(name), false, (long) this.clock.seconds());
        this.channels.put(channel.folded, channel);
        return channel;
    }

    void removeIfEmpty(Channel channel) {
        if (!channel.isEmpty()) {
            return;
        }
        if (this.link != null) {
            this.link.channelEmpty(channel);
        }
        if (!channel.permanent) {
            this.channels.remove(channel.folded);
        }
    }

    /** Moves the nick in the table; the caller checked that {@code newNick} is free or the same user's. */
    void renamed(IRCUser user, @Nullable String oldNick, String newNick) {
        if (oldNick != null) {
            this.nicks.remove(fold(oldNick), user);
        }
        this.nicks.put(fold(newNick), user);
    }

    /** Every user sharing a channel with {@code user}, each once, {@code user} excluded. */
    Set<IRCUser> neighbours(IRCUser user) {
        Set<IRCUser> seen = new LinkedHashSet<>();
        for (Channel channel : user.channels) {
            seen.addAll(channel.members.keySet());
        }
        seen.remove(user);
        return seen;
    }

    void connected(IRCUser user) {
        this.connections.add(user);
        this.perHost.merge(user.host, 1, Integer::sum);
        this.unregisteredCount.incrementAndGet();
    }

    void registered(IRCUser user) {
        this.unregisteredCount.decrementAndGet();
        this.registeredCount.incrementAndGet();
    }

    void operatorChanged(boolean nowOperator) {
        if (nowOperator) {
            this.operatorCount.incrementAndGet();
        }
        else {
            this.operatorCount.decrementAndGet();
        }
    }

    /** Forgets a connection that is gone; others in its channels see {@code QUIT :quitMessage}. */
    void disconnected(IRCUser user, String quitMessage) {
        if (!this.connections.remove(user)) {
            return;
        }
        this.perHost.computeIfPresent(user.host, (host, count) -> (count > 1) ? count - 1 : null);
        if (this.link != null) {
            this.link.quit(user, new IRCMessage(Map.of(), user.mask(), "QUIT", List.of(quitMessage)));
        }
        if (user.registered) {
            IRCMessage quit = new IRCMessage(Map.of(), user.mask(), "QUIT", List.of(quitMessage));
            for (IRCUser other : neighbours(user)) {
                other.send(quit);
            }
            this.registeredCount.decrementAndGet();
            if (user.modes.contains('o')) {
                this.operatorCount.decrementAndGet();
            }
        }
        else {
            this.unregisteredCount.decrementAndGet();
        }
        for (Channel channel : List.copyOf(user.channels)) {
            channel.remove(user);
            removeIfEmpty(channel);
        }
        user.channels.clear();
        if (user.nick != null) {
            this.nicks.remove(fold(user.nick), user);
        }
    }

    void refused(String tag) {
        this.refused.computeIfAbsent(tag, t -> new LongAdder()).increment();
    }

    void relayed(int recipients) {
        this.relayed.add(recipients);
    }

    int hostCount(String host) {
        return this.perHost.getOrDefault(host, 0);
    }

    static String hostOf(Address address) {
        return (address instanceof IPAddress ip) ? ip.host() : "localhost";
    }

    /**
     * Checks an account login through the portal (and the throttle, when there is one).
     *
     * @return the avatar's account name, or a failure
     */
    Deferred<String> login(Address peer, String account, String password) {
        Portal checked = Objects.requireNonNull(this.portal, "portal");
        UsernamePassword credentials = new UsernamePassword(account, password);
        Deferred<LoginResult> result = (this.throttle != null)
                ? this.throttle.login(checked, peer, credentials, null, Account.class)
                : checked.login(credentials, null, Account.class);
        return result.thenApply(login -> login.avatar(Account.class).name());
    }

    private static List<String> isupportTokens(IRCServerSettings s) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("AWAYLEN", Integer.toString(IRCUser.AWAY_LENGTH));
        tokens.put("CASEMAPPING", s.caseMapping().token());
        tokens.put("CHANLIMIT", "#&:" + s.channelsPerClient());
        tokens.put("CHANMODES", "b,k,l,imnst");
        tokens.put("CHANNELLEN", Integer.toString(s.channelLength()));
        tokens.put("CHANTYPES", "#&");
        tokens.put("KICKLEN", Integer.toString(IRCUser.KICK_LENGTH));
        tokens.put("MAXLIST", "b:" + s.maxListEntries());
        tokens.put("MAXTARGETS", Integer.toString(s.targetsPerMessage()));
        tokens.put("MODES", Integer.toString(ModeCommand.MAX_PARAM_MODES));
        tokens.put("NETWORK", s.networkName());
        tokens.put("NICKLEN", Integer.toString(s.nickLength()));
        tokens.put("PREFIX", "(ov)@+");
        tokens.put("TARGMAX", "PRIVMSG:" + s.targetsPerMessage() + ",NOTICE:" + s.targetsPerMessage()
                + ",TAGMSG:" + s.targetsPerMessage() + ",JOIN:,PART:,KICK:" + s.targetsPerMessage() + ",WHOIS:1,NAMES:,LIST:,ISON:,USERHOST:5");
        tokens.put("TOPICLEN", Integer.toString(s.topicLength()));
        tokens.put("USERLEN", Integer.toString(IRCUser.USER_LENGTH));
        List<String> list = new ArrayList<>();
        tokens.forEach((key, value) -> list.add(key + "=" + value));
        return List.copyOf(list);
    }

    /** The avatar of an account login: just the account's name. */
    record Account(String name) {

        static Deferred<LoginResult> realm(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
            return Deferred.succeed(LoginResult.of(new Account(avatarId), () -> { }, interfaces));
        }
    }

    /** What a refused connection gets: an {@code ERROR} line, then the close. */
    private static final class Refusal extends Protocol {

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        @Override
        public void connectionMade() {
            String line = "ERROR :Closing Link: " + hostOf(this.transport.getPeer()) + " (" + this.reason + ")\r\n";
            this.transport.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            this.transport.loseConnection();
        }
    }
}
