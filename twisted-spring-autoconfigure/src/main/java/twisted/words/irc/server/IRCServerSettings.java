package twisted.words.irc.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.CaseMapping;

/**
 * What an {@link IRCServer} is told: its names, its MOTD, who may log in and become an operator,
 * the channels that exist from the start and every limit it enforces. Immutable; start from
 * {@link #defaults()} and change what differs with {@link #toBuilder()}:
 *
 * <pre>{@code
 * IRCServerSettings settings = IRCServerSettings.defaults().toBuilder()
 *         .serverName("irc.example.org")
 *         .motd(List.of("Be nice."))
 *         .channels(List.of(new ChannelSettings("#lobby", "Welcome", "+nt", null)))
 *         .build();
 * }</pre>
 *
 * <p>Twisted's {@code words.service} takes a realm and a portal and has none of these limits.
 *
 * @param serverName the server's name, the source of its replies ("irc.local"); any host-like name
 * @param networkName the network's name, announced as {@code NETWORK} ("TwistedNet")
 * @param motd the message of the day, one entry a line; empty: {@code 422 ERR_NOMOTD}
 * @param serverPassword when set, {@code PASS} must match it before registration completes
 *        ({@code 464} then {@code ERROR} and close otherwise); never logged
 * @param requireLogin whether an account login (SASL PLAIN or {@code PASS account:password}) is
 *        required before registration completes
 * @param operators {@code OPER} name to a matcher of its password
 * @param channels the channels that exist from the start; they are never destroyed when empty
 * @param createChannelsOnJoin whether {@code JOIN} creates a channel that does not exist
 * @param caseMapping how nicks and channel names compare, announced as {@code CASEMAPPING}
 * @param nickLength the longest nick, {@code NICKLEN} (30)
 * @param channelLength the longest channel name, {@code CHANNELLEN} (50)
 * @param topicLength the longest topic, {@code TOPICLEN} (390); longer ones are cut
 * @param channelsPerClient how many channels a client may be in, {@code CHANLIMIT} (20)
 * @param clientsPerHost how many connections one address may hold (10)
 * @param targetsPerMessage how many targets one {@code PRIVMSG} or {@code NOTICE} may name,
 *        {@code MAXTARGETS} (4)
 * @param maxListEntries how many bans a channel may hold, {@code MAXLIST} (100)
 * @param floodBurst how many messages a client may send at once: the token bucket's size (10)
 * @param floodRate how many messages a second a client may send in the long run (2.0)
 * @param registrationTimeout how long a connection may take to register (60 s)
 * @param pingInterval how long a client may be silent before the server sends it a {@code PING} (120 s)
 * @param pingTimeout how long after that {@code PING} the client is dropped if still silent (60 s)
 * @param sendQueueBytes how many bytes may be queued to a client that stopped reading before it is
 *        dropped with {@code SendQ exceeded} (1 MiB)
 * @since 0.1.0
 */
public record IRCServerSettings(String serverName, String networkName, List<String> motd,
        @Nullable Predicate<String> serverPassword, boolean requireLogin, Map<String, Predicate<String>> operators,
        List<ChannelSettings> channels, boolean createChannelsOnJoin, CaseMapping caseMapping, int nickLength,
        int channelLength, int topicLength, int channelsPerClient, int clientsPerHost, int targetsPerMessage,
        int maxListEntries, int floodBurst, double floodRate, Duration registrationTimeout, Duration pingInterval,
        Duration pingTimeout, int sendQueueBytes) {

    /**
     * Checks every value, naming the one that is wrong.
     *
     * @throws IllegalArgumentException when a name is not host-like, a limit is not positive, or a
     *         configured channel's name or modes are not valid
     */
    public IRCServerSettings {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(networkName, "networkName");
        Objects.requireNonNull(caseMapping, "caseMapping");
        motd = List.copyOf(motd);
        operators = Map.copyOf(operators);
        channels = List.copyOf(channels);
        if (!serverName.matches("[A-Za-z0-9][A-Za-z0-9.-]*") || serverName.length() > 63) {
            throw new IllegalArgumentException("serverName ('" + serverName
                    + "') must be host-like: letters, digits, '.' and '-', at most 63 characters");
        }
        if (!networkName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("networkName ('" + networkName
                    + "') must be one word of letters, digits, '.', '_' and '-'");
        }
        atLeast("nickLength", nickLength, 9);
        atLeast("channelLength", channelLength, 2);
        atLeast("topicLength", topicLength, 1);
        atLeast("channelsPerClient", channelsPerClient, 1);
        atLeast("clientsPerHost", clientsPerHost, 1);
        atLeast("targetsPerMessage", targetsPerMessage, 1);
        atLeast("maxListEntries", maxListEntries, 1);
        atLeast("floodBurst", floodBurst, 1);
        atLeast("sendQueueBytes", sendQueueBytes, 512);
        if (!(floodRate > 0) || Double.isInfinite(floodRate)) {
            throw new IllegalArgumentException("floodRate (" + floodRate + ") must be a positive number of messages a second");
        }
        positive("registrationTimeout", registrationTimeout);
        positive("pingInterval", pingInterval);
        positive("pingTimeout", pingTimeout);
        for (ChannelSettings channel : channels) {
            if (!Masks.isChannelName(channel.name(), channelLength)) {
                throw new IllegalArgumentException("channel name ('" + channel.name() + "') must start with # or &, hold "
                        + "no space, comma or BEL and be at most " + channelLength + " characters");
            }
        }
    }

    private static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " (" + value + ") must be at least " + minimum);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
    }

    /**
     * The defaults listed on each component: an open server named {@code irc.local} on the
     * network {@code TwistedNet}, no MOTD, no operators, channels created on join.
     *
     * @return the defaults
     */
    public static IRCServerSettings defaults() {
        return new IRCServerSettings("irc.local", "TwistedNet", List.of(), null, false, Map.of(), List.of(), true,
                CaseMapping.RFC1459, 30, 50, 390, 20, 10, 4, 100, 10, 2.0, Duration.ofSeconds(60),
                Duration.ofSeconds(120), Duration.ofSeconds(60), 1024 * 1024);
    }

    /**
     * A builder holding these settings, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A channel that exists from the server's start.
     *
     * @param name the name, starting with {@code #} or {@code &}
     * @param topic its topic, or {@code null}
     * @param modes its modes among {@code imnst}, such as {@code "+nt"} ({@code k} and {@code l}
     *        come from the other components, not from here)
     * @param key the channel key ({@code +k}), or {@code null}
     * @since 0.1.0
     */
    public record ChannelSettings(String name, @Nullable String topic, String modes, @Nullable String key) {

        /**
         * Checks the modes.
         *
         * @throws IllegalArgumentException on a mode other than {@code imnst}
         */
        public ChannelSettings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(modes, "modes");
            for (char mode : modes.toCharArray()) {
                if (mode != '+' && "imnst".indexOf(mode) < 0) {
                    throw new IllegalArgumentException("channel " + name + ": mode '" + mode
                            + "' is not one of i, m, n, s, t (set the key with the key component)");
                }
            }
        }
    }

    /** Changes some settings and builds new ones; every setter returns the builder. */
    public static final class Builder {

        private String serverName;

        private String networkName;

        private List<String> motd;

        private @Nullable Predicate<String> serverPassword;

        private boolean requireLogin;

        private Map<String, Predicate<String>> operators;

        private List<ChannelSettings> channels;

        private boolean createChannelsOnJoin;

        private CaseMapping caseMapping;

        private int nickLength;

        private int channelLength;

        private int topicLength;

        private int channelsPerClient;

        private int clientsPerHost;

        private int targetsPerMessage;

        private int maxListEntries;

        private int floodBurst;

        private double floodRate;

        private Duration registrationTimeout;

        private Duration pingInterval;

        private Duration pingTimeout;

        private int sendQueueBytes;

        Builder(IRCServerSettings from) {
            this.serverName = from.serverName;
            this.networkName = from.networkName;
            this.motd = new ArrayList<>(from.motd);
            this.serverPassword = from.serverPassword;
            this.requireLogin = from.requireLogin;
            this.operators = new LinkedHashMap<>(from.operators);
            this.channels = new ArrayList<>(from.channels);
            this.createChannelsOnJoin = from.createChannelsOnJoin;
            this.caseMapping = from.caseMapping;
            this.nickLength = from.nickLength;
            this.channelLength = from.channelLength;
            this.topicLength = from.topicLength;
            this.channelsPerClient = from.channelsPerClient;
            this.clientsPerHost = from.clientsPerHost;
            this.targetsPerMessage = from.targetsPerMessage;
            this.maxListEntries = from.maxListEntries;
            this.floodBurst = from.floodBurst;
            this.floodRate = from.floodRate;
            this.registrationTimeout = from.registrationTimeout;
            this.pingInterval = from.pingInterval;
            this.pingTimeout = from.pingTimeout;
            this.sendQueueBytes = from.sendQueueBytes;
        }

        /**
         * Sets {@link IRCServerSettings#serverName()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder serverName(String value) {
            this.serverName = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#networkName()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder networkName(String value) {
            this.networkName = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#motd()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder motd(List<String> value) {
            this.motd = new ArrayList<>(value);
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#serverPassword()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder serverPassword(@Nullable Predicate<String> value) {
            this.serverPassword = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#requireLogin()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder requireLogin(boolean value) {
            this.requireLogin = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#operators()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder operators(Map<String, Predicate<String>> value) {
            this.operators = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#channels()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder channels(List<ChannelSettings> value) {
            this.channels = new ArrayList<>(value);
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#createChannelsOnJoin()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder createChannelsOnJoin(boolean value) {
            this.createChannelsOnJoin = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#caseMapping()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder caseMapping(CaseMapping value) {
            this.caseMapping = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#nickLength()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder nickLength(int value) {
            this.nickLength = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#channelLength()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder channelLength(int value) {
            this.channelLength = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#topicLength()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder topicLength(int value) {
            this.topicLength = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#channelsPerClient()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder channelsPerClient(int value) {
            this.channelsPerClient = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#clientsPerHost()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder clientsPerHost(int value) {
            this.clientsPerHost = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#targetsPerMessage()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder targetsPerMessage(int value) {
            this.targetsPerMessage = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#maxListEntries()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder maxListEntries(int value) {
            this.maxListEntries = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#floodBurst()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder floodBurst(int value) {
            this.floodBurst = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#floodRate()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder floodRate(double value) {
            this.floodRate = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#registrationTimeout()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder registrationTimeout(Duration value) {
            this.registrationTimeout = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#pingInterval()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#pingTimeout()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder pingTimeout(Duration value) {
            this.pingTimeout = value;
            return this;
        }

        /**
         * Sets {@link IRCServerSettings#sendQueueBytes()}.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder sendQueueBytes(int value) {
            this.sendQueueBytes = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException as the record's constructor does
         */
        public IRCServerSettings build() {
            return new IRCServerSettings(this.serverName, this.networkName, this.motd, this.serverPassword,
                    this.requireLogin, this.operators, this.channels, this.createChannelsOnJoin, this.caseMapping,
                    this.nickLength, this.channelLength, this.topicLength, this.channelsPerClient,
                    this.clientsPerHost, this.targetsPerMessage, this.maxListEntries, this.floodBurst,
                    this.floodRate, this.registrationTimeout, this.pingInterval, this.pingTimeout,
                    this.sendQueueBytes);
        }
    }
}
