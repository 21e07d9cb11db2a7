package twisted.words.tap;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The IRC server's options, under {@code twisted.services.irc.options}:
 *
 * <pre>
 * twisted:
 *   services:
 *     irc:
 *       enabled: true
 *       endpoint: tcp:6667:interface=127.0.0.1     # or ssl:6697:privateKey=...:certKey=...
 *       options:
 *         server-name: irc.example.org
 *         network-name: ExampleNet
 *         motd: |
 *           Welcome to ExampleNet.
 *         channels:
 *           - name: "#twisted"
 *             topic: Event-driven networking
 *         operators:
 *           admin: "{bcrypt}$2a$10$..."
 *         limits:
 *           nick-length: 30
 *           flood-rate: 2
 * </pre>
 *
 * @param serverName the server's name, in every reply's prefix: any host-like name
 * @param networkName the network's name, in {@code 001} and {@code NETWORK=} of ISUPPORT
 * @param motd the message of the day, line by line; none (and no {@code motd-file}) gives
 *        {@code 422 ERR_NOMOTD}
 * @param motdFile a UTF-8 file holding the message of the day, read at start-up (wins over
 *        {@code motd})
 * @param serverPassword the password every client must give with {@code PASS} before it may
 *        register, encoded the Spring Security way ({@code {bcrypt}...}, or {@code {noop}secret}
 *        for plain text); unset for none
 * @param requireLogin whether a client must log in to an account (SASL PLAIN, or
 *        {@code PASS account:password}) checked through the application's {@code Portal}, so that
 *        only Spring Security's users can use the server
 * @param operators who may become an IRC operator with {@code OPER name password}: names to
 *        encoded passwords ({@code {bcrypt}...})
 * @param channels channels that exist from the start and stay when empty
 * @param createChannelsOnJoin whether {@code JOIN} of a channel that does not exist creates it
 *        (its first member becomes its operator)
 * @param limits what one client may do
 * @since 0.1.0
 */
public record IRCOptions(@Nullable String serverName, @Nullable String networkName, @Nullable String motd,
        @Nullable String motdFile, @Nullable String serverPassword, @Nullable Boolean requireLogin,
        @Nullable Map<String, String> operators, @Nullable List<Channel> channels, @Nullable Boolean createChannelsOnJoin,
        @Nullable Limits limits) {

    /**
     * Applies the defaults.
     */
    public IRCOptions {
        serverName = (serverName != null) ? serverName : "irc.local";
        networkName = (networkName != null) ? networkName : "TwistedNet";
        requireLogin = (requireLogin != null) ? requireLogin : Boolean.FALSE;
        operators = (operators != null) ? Map.copyOf(operators) : Map.of();
        channels = (channels != null) ? List.copyOf(channels) : List.of();
        createChannelsOnJoin = (createChannelsOnJoin != null) ? createChannelsOnJoin : Boolean.TRUE;
        limits = (limits != null) ? limits : new Limits(null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * A channel that exists from the start.
     *
     * @param name its name, such as {@code #twisted}
     * @param topic its topic, or none
     * @param modes its modes, {@code +nt} unless set
     * @param key its key ({@code +k}), or none
     */
    public record Channel(String name, @Nullable String topic, @Nullable String modes, @Nullable String key) {

        /**
         * Applies the default modes.
         */
        public Channel {
            modes = (modes != null) ? modes : "+nt";
        }
    }

    /**
     * What one client may do; ISUPPORT announces each limit, so clients know them.
     *
     * @param nickLength the longest nick ({@code NICKLEN}), 30 unless set
     * @param channelLength the longest channel name ({@code CHANNELLEN}), 50 unless set
     * @param topicLength the longest topic ({@code TOPICLEN}), 390 unless set
     * @param channelsPerClient how many channels one client may be in ({@code CHANLIMIT}), 20
     *        unless set
     * @param clientsPerHost how many clients may connect from one address at once, 10 unless set
     * @param targetsPerMessage how many targets one {@code PRIVMSG} or {@code NOTICE} may name
     *        ({@code MAXTARGETS}), 4 unless set
     * @param maxBans how many bans a channel may hold ({@code MAXLIST}), 100 unless set
     * @param floodBurst how many messages a client may send at once before flood control slows
     *        it down to {@code flood-rate} (only a backlog past 8 KiB disconnects it, for excess
     *        flood), 10 unless set
     * @param floodRate how many messages per second a client may send in the long run, 2 unless set
     * @param registrationTimeout how long a client may take to register, 60 s unless set
     * @param pingInterval how long a client may stay silent before the server sends it a
     *        {@code PING}, 120 s unless set
     * @param pingTimeout how long after that {@code PING} the client is disconnected
     *        ({@code Ping timeout}), 60 s unless set
     * @param sendQueue how many bytes may wait for a client that does not read before it is
     *        disconnected ({@code SendQ exceeded}), 1 MiB unless set; keep it below the service's
     *        {@code write-buffer-limit}
     */
    public record Limits(@Nullable Integer nickLength, @Nullable Integer channelLength, @Nullable Integer topicLength,
            @Nullable Integer channelsPerClient, @Nullable Integer clientsPerHost, @Nullable Integer targetsPerMessage,
            @Nullable Integer maxBans, @Nullable Integer floodBurst, @Nullable Double floodRate,
            @Nullable Duration registrationTimeout, @Nullable Duration pingInterval, @Nullable Duration pingTimeout,
            @Nullable DataSize sendQueue) {
    }
}
