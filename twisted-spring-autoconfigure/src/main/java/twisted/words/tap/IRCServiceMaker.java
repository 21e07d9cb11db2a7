package twisted.words.tap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.application.service.ServiceMeter;
import twisted.application.service.ServiceMonitor;
import twisted.cluster.Cluster;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.words.irc.CaseMapping;
import twisted.words.irc.server.IRCServer;
import twisted.words.irc.server.IRCServerSettings;

/**
 * The {@code irc} service: an IRC server that real clients use, Twisted's {@code twistd words}.
 * Switched on with {@code twisted.services.irc.enabled=true}; it listens on
 * {@code twisted.services.irc.endpoint} ({@code tcp:6667} unless set; an {@code ssl:} endpoint
 * for TLS) and takes its {@link IRCOptions} from {@code twisted.services.irc.options}. Logins
 * (SASL PLAIN, {@code PASS account:password}) go through the application's {@link Portal}, so
 * Spring Security's users are IRC users; failed ones are slowed down by the {@link LoginThrottle}.
 * The Actuator {@code twisted} endpoint shows its users and channels, and Micrometer its
 * {@code twisted.irc.*} meters.
 *
 * <p>The server keeps its channels and users in plain maps, on the reactor's one thread, as the
 * book's chat server does: it refuses to start on a reactor with several event loops
 * ({@code twisted.reactor.threads}). When the application has a {@link Cluster}, the server is
 * one node of an IRC network of identical nodes (see {@link IRCServer}).
 *
 * @since 0.1.0
 */
public final class IRCServiceMaker implements ServiceMaker<IRCOptions> {

    /** The reasons a client is refused or dropped, each a {@code reason} tag of {@code twisted.irc.clients.refused}. */
    static final List<String> REFUSAL_REASONS = List.of("clients-per-host", "bad-password", "login-required", "flood",
            "ping-timeout", "registration-timeout", "send-queue", "killed");

    private final Supplier<@Nullable Portal> portal;

    private final Supplier<@Nullable LoginThrottle> throttle;

    private final Supplier<@Nullable Cluster> cluster;

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    /**
     * Creates the maker.
     *
     * @param portal gives the portal logins go through, asked only when the service is made;
     *        {@code null} from it for a server without accounts
     * @param throttle gives the throttle for failed logins, or {@code null}
     */
    public IRCServiceMaker(Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle) {
        this(portal, throttle, () -> null);
    }

    /**
     * Creates the maker for a server that is one node of a cluster when there is one.
     *
     * @param portal gives the portal logins go through, asked only when the service is made;
     *        {@code null} from it for a server without accounts
     * @param throttle gives the throttle for failed logins, or {@code null}
     * @param cluster gives the cluster the server is a node of, asked only when the service is
     *        made; {@code null} from it for a server of its own
     */
    public IRCServiceMaker(Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle,
            Supplier<@Nullable Cluster> cluster) {
        this.portal = portal;
        this.throttle = throttle;
        this.cluster = cluster;
    }

    @Override
    public String getName() {
        return "irc";
    }

    @Override
    public String getDescription() {
        return "IRC server (twistd words): channels, private messages, IRCv3, logins through the portal";
    }

    @Override
    public Class<IRCOptions> getOptionsType() {
        return IRCOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:6667";
    }

    /**
     * None: the IRC server gives a client {@code limits.registration-timeout} to register, then
     * sends a {@code PING} after {@code limits.ping-interval} of silence and closes with
     * {@code Ping timeout} if nothing comes back within {@code limits.ping-timeout} (RFC 2812
     * section 3.7.2). A client that answers its pings is connected however long its user stays
     * quiet; a generic timeout would cut it off once the ping interval is set past it.
     *
     * @return {@code null}
     */
    @Override
    public @Nullable Duration getDefaultIdleTimeout() {
        return null;
    }

    @Override
    public Service makeService(ServiceMakerContext context, IRCOptions options) {
        int threads = context.reactor().getStatistics().threads();
        if (threads > 1) {
            throw new IllegalStateException("The IRC server keeps its channels on the reactor's one thread, but "
                    + "twisted.reactor.threads is " + threads + ": remove twisted.reactor.threads, or set it to 1");
        }
        IRCServerSettings settings = settings(options);
        Portal accounts = this.portal.get();
        Cluster network = this.cluster.get();
        IRCServer server = new IRCServer(settings, context.reactor(), accounts,
                (accounts != null) ? this.throttle.get() : null, network);
        return context.listen(server.factory(), new Monitor(server, network != null));
    }

    /** The server's settings from the options, the server's defaults where an option is unset. */
    IRCServerSettings settings(IRCOptions options) {
        IRCServerSettings defaults = IRCServerSettings.defaults();
        IRCOptions.Limits limits = options.limits();
        Map<String, Predicate<String>> operators = new LinkedHashMap<>();
        options.operators().forEach((name, encoded) -> operators.put(name, matcher("operators." + name, encoded)));
        List<IRCServerSettings.ChannelSettings> channels = new ArrayList<>();
        for (IRCOptions.Channel channel : options.channels()) {
            channels.add(new IRCServerSettings.ChannelSettings(channel.name(), channel.topic(), channel.modes(),
                    channel.key()));
        }
        return new IRCServerSettings(options.serverName(), options.networkName(), motd(options),
                (options.serverPassword() != null) ? matcher("server-password", options.serverPassword()) : null,
                options.requireLogin(), operators, channels, options.createChannelsOnJoin(), CaseMapping.RFC1459,
                or(limits.nickLength(), defaults.nickLength()), or(limits.channelLength(), defaults.channelLength()),
                or(limits.topicLength(), defaults.topicLength()),
                or(limits.channelsPerClient(), defaults.channelsPerClient()),
                or(limits.clientsPerHost(), defaults.clientsPerHost()),
                or(limits.targetsPerMessage(), defaults.targetsPerMessage()), or(limits.maxBans(), defaults.maxListEntries()),
                or(limits.floodBurst(), defaults.floodBurst()), or(limits.floodRate(), defaults.floodRate()),
                or(limits.registrationTimeout(), defaults.registrationTimeout()),
                or(limits.pingInterval(), defaults.pingInterval()), or(limits.pingTimeout(), defaults.pingTimeout()),
                (limits.sendQueue() != null) ? Math.toIntExact(limits.sendQueue().toBytes()) : defaults.sendQueueBytes());
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return (value != null) ? value : fallback;
    }

    private static List<String> motd(IRCOptions options) {
        String text = options.motd();
        if (options.motdFile() != null) {
            try {
                text = Files.readString(Path.of(options.motdFile()), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read the message of the day from motd-file '"
                        + options.motdFile() + "': " + ex.getMessage(), ex);
            }
        }
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.stripTrailing().split("\r\n|\n|\r"));
    }

    /** Checks a password against an encoded one, refusing at start-up a value that names no encoding. */
    private Predicate<String> matcher(String option, String encoded) {
        if (!encoded.startsWith("{") || encoded.indexOf('}') < 0) {
            throw new IllegalArgumentException("twisted.services.irc.options." + option
                    + " must be encoded the Spring Security way: {bcrypt}$2a$... (or {noop}... for plain text)");
        }
        PasswordEncoder encoder = this.passwords;
        return password -> encoder.matches(password, encoded);
    }

    /** What Actuator and Micrometer show of the server; everything it reads is safe off the reactor thread. */
    private static final class Monitor implements ServiceMonitor {

        private final IRCServer server;

        private final boolean clustered;

        Monitor(IRCServer server, boolean clustered) {
            this.server = server;
            this.clustered = clustered;
        }

        @Override
        public Map<String, Object> details() {
            IRCServer.Statistics statistics = this.server.statistics();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("users", statistics.users());
            details.put("unregistered", statistics.unregistered());
            details.put("operators", statistics.operators());
            details.put("channels", statistics.channels());
            details.put("messagesRelayed", statistics.messagesRelayed());
            details.put("clientsRefused", statistics.clientsRefused());
            if (this.clustered) {
                details.put("clusterSent", statistics.clusterSent());
                details.put("clusterReceived", statistics.clusterReceived());
                details.put("clusterDropped", statistics.clusterDropped());
            }
            List<Map<String, Object>> channels = new ArrayList<>();
            for (IRCServer.ChannelSummary channel : statistics.channelList()) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("name", channel.name());
                summary.put("members", channel.members());
                if (channel.topic() != null) {
                    summary.put("topic", channel.topic());
                }
                channels.add(summary);
            }
            details.put("channelList", channels);
            return details;
        }

        @Override
        public List<ServiceMeter> meters() {
            List<ServiceMeter> meters = new ArrayList<>();
            meters.add(ServiceMeter.gauge("twisted.irc.users", "Registered IRC users connected now",
                    () -> this.server.statistics().users()));
            meters.add(ServiceMeter.gauge("twisted.irc.channels", "IRC channels open now",
                    () -> this.server.statistics().channels()));
            meters.add(ServiceMeter.counter("twisted.irc.messages.relayed",
                    "PRIVMSG and NOTICE deliveries to clients", () -> this.server.statistics().messagesRelayed()));
            if (this.clustered) {
                String description = "IRC messages exchanged with the other nodes of the cluster";
                meters.add(ServiceMeter.counter("twisted.irc.cluster.messages", description,
                        () -> this.server.statistics().clusterSent()).tag("direction", "sent"));
                meters.add(ServiceMeter.counter("twisted.irc.cluster.messages", description,
                        () -> this.server.statistics().clusterReceived()).tag("direction", "received"));
                meters.add(ServiceMeter.counter("twisted.irc.cluster.messages", description,
                        () -> this.server.statistics().clusterDropped()).tag("direction", "dropped"));
            }
            for (String reason : REFUSAL_REASONS) {
                meters.add(ServiceMeter.counter("twisted.irc.clients.refused", "IRC clients refused or dropped",
                        () -> this.server.statistics().clientsRefused().getOrDefault(reason, 0L)).tag("reason", reason));
            }
            return meters;
        }
    }
}
