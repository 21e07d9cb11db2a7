package twisted.words.irc.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.NameRegistry;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;
import twisted.words.irc.IRCMessage;
import twisted.words.irc.IRCText;

/**
 * An {@link IRCServer}'s link to the other nodes of a {@link Cluster}, as an IRC network links its
 * servers: what a local user does to a channel goes out on the bus, and what users on other nodes
 * do comes in and is shown to the local members as if they were local.
 *
 * <h2>What is shared where</h2>
 * <ul>
 * <li>{@code irc.nicks} (registry): each registered nick, case-folded, held by its user's node;
 * the value is {@code nick!user@host realname}.</li>
 * <li>{@code irc.channels} (registry): each channel with members, folded, held by the node of the
 * first user to join it anywhere (who became its operator); the value is the channel's name, or
 * its topic as a line {@code @t=<set at> :<set by> TOPIC <channel> :<text>}.</li>
 * <li>{@code irc.members:<folded channel>} (registry): each member, by folded nick, held by its
 * node; the value is its {@code JOIN} line as on the bus, with its current status.</li>
 * <li>{@code irc.channel} (topic): {@code JOIN}, {@code PART}, {@code KICK}, {@code TOPIC},
 * {@code MODE}, {@code NICK}, {@code QUIT} and channel {@code PRIVMSG}/{@code NOTICE}/{@code TAGMSG}
 * as IRC lines with the user's full prefix; {@code JOIN} carries the tags {@code op},
 * {@code voice} and {@code rn} (real name), {@code TOPIC} the tag {@code t} (when set, epoch
 * seconds).</li>
 * <li>{@code irc.node:<node id>} (topic): {@code PRIVMSG}, {@code NOTICE} and {@code TAGMSG} to a
 * nick held by that node.</li>
 * </ul>
 * A message from the bus is input: longer than a tagged IRC line may be, malformed, or naming a
 * user this node holds, it is dropped with a log line.
 */
final class ClusterLink {

    static final String NICKS = "irc.nicks";

    static final String CHANNELS = "irc.channels";

    static final String MEMBERS = "irc.members:";

    static final String CHANNEL_TOPIC = "irc.channel";

    static final String NODE_TOPIC = "irc.node:";

    /** The longest bus message accepted: a line with tags, as a client may send. */
    static final int MAX_MESSAGE_BYTES = IRCMessage.MAX_TAGS_BYTES + IRCMessage.MAX_LINE_BYTES;

    /** The quit message members see for the users of a lost node. */
    static final String NODE_LOST = "node lost";

    /** The quit message for a user of another node replaced by a user of the same nick on a third. */
    static final String NICK_COLLISION = "Nick collision";

    private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);

    private static final Set<String> RELAYED = Set.of("PRIVMSG", "NOTICE", "TAGMSG");

    private final Cluster cluster;

    private final IRCServer server;

    private final NameRegistry nicks;

    private final NameRegistry channels;

    /** The users of other nodes in the channels this node knows, by folded nick. */
    private final Map<String, RemoteUser> users = new HashMap<>();

    private final List<Subscription> subscriptions = new ArrayList<>();

    /** The folded names of the channels this node holds in {@code irc.channels}. */
    private final Set<String> held = new HashSet<>();

    final LongAdder sent = new LongAdder();

    final LongAdder received = new LongAdder();

    final LongAdder dropped = new LongAdder();

    ClusterLink(Cluster cluster, IRCServer server) {
        this.cluster = cluster;
        this.server = server;
        this.nicks = cluster.names(NICKS);
        this.channels = cluster.names(CHANNELS);
    }

    /** Subscribes to the channel topic and this node's own, and listens for lost nodes. */
    void start() {
        this.cluster.subscribe(CHANNEL_TOPIC, this::received).addCallbacks(this::subscribed, this::subscribeFailed);
        this.cluster.subscribe(NODE_TOPIC + this.cluster.nodeId(), this::received).addCallbacks(this::subscribed,
                this::subscribeFailed);
        this.subscriptions.add(this.cluster.onNodeLost(this::nodeLost));
    }

    private @Nullable Object subscribed(Subscription subscription) {
        this.subscriptions.add(subscription);
        return null;
    }

    private @Nullable Object subscribeFailed(twisted.defer.Failure failure) {
        log.warn("IRC: cannot subscribe to the cluster bus: {}", failure.getErrorMessage());
        return null;
    }

    void stop() {
        this.subscriptions.forEach(Subscription::cancel);
        this.subscriptions.clear();
    }

    String nodeId() {
        return this.cluster.nodeId();
    }

    // ------------------------------------------------------------------ registry, for the commands

    /** Claims a nick for a user; fires with whether this node now holds it. */
    Deferred<Boolean> claimNick(IRCUser user, String nick) {
        return this.nicks.claim(this.server.fold(nick), nickValue(user, nick));
    }

    /** Refreshes a registered user's entry (its user name and real name are known now). */
    void refreshNick(IRCUser user) {
        if (user.nick != null) {
            quietly(this.nicks.claim(this.server.fold(user.nick), nickValue(user, user.nick)), "claim nick");
        }
    }

    void releaseNick(String nick) {
        quietly(this.nicks.release(this.server.fold(nick)), "release nick");
    }

    Deferred<NameRegistry.@Nullable Entry> lookupNick(String nick) {
        return this.nicks.lookup(this.server.fold(nick));
    }

    private static String nickValue(IRCUser user, String nick) {
        return nick + "!" + ((user.username != null) ? user.username : "*") + "@" + user.host + " " + user.realname;
    }

    /** A nick entry's value as WHOIS shows it: nick, user, host, real name. */
    static String @Nullable [] parseNickValue(String value) {
        int space = value.indexOf(' ');
        String mask = (space < 0) ? value : value.substring(0, space);
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@', bang + 1);
        if (bang <= 0 || at < 0) {
            return null;
        }
        return new String[] { mask.substring(0, bang), mask.substring(bang + 1, at), mask.substring(at + 1),
            (space < 0) ? "" : value.substring(space + 1) };
    }

    /**
     * The first local member of a channel is joining: claims the channel (the first joiner anywhere
     * is its operator) and reads its members and topic on other nodes into this node's view.
     *
     * @return fires with whether the joiner becomes operator
     */
    Deferred<Boolean> firstLocalJoin(String name) {
        String folded = this.server.fold(name);
        return this.channels.claim(folded, name).thenCompose(claimed -> {
            if (claimed) {
                this.held.add(folded);
            }
            return this.cluster.names(MEMBERS + folded).entries().thenCompose(entries -> {
                    boolean others = false;
                    for (NameRegistry.Entry entry : entries) {
                        if (!entry.node().equals(nodeId())) {
                            others = true;
                            safely(new ClusterMessage(MEMBERS + folded, entry.node(), entry.value()));
                        }
                    }
                    boolean op = claimed && !others;
                    Channel known = this.server.channel(name);
                    if (known != null && !known.remote.isEmpty()) {
                        op = false;
                    }
                    boolean becomesOp = op;
                    if (claimed || known == null || known.topic != null) {
                        return Deferred.succeed(becomesOp);
                    }
                    return this.channels.lookup(folded).thenApply(holder -> {
                        Channel channel = this.server.channel(name);
                        if (holder != null && channel != null && channel.topic == null) {
                            applyTopicValue(channel, holder.value());
                        }
                        return becomesOp;
                    });
                });
        });
    }

    /** Nobody is in the channel anywhere any more: frees its name. */
    void channelEmpty(Channel channel) {
        releaseChannel(channel.folded);
    }

    /** Frees a channel's name if this node holds it. */
    void releaseChannel(String folded) {
        if (this.held.remove(folded)) {
            quietly(this.channels.release(folded), "release channel");
        }
    }

    private void applyTopicValue(Channel channel, String value) {
        if (!value.startsWith("@")) {
            return;
        }
        try {
            IRCMessage line = parse(value);
            if (line.command().equals("TOPIC") && line.params().size() == 2 && !line.params().get(1).isEmpty()) {
                channel.topic = IRCText.truncate(line.params().get(1), this.server.settings().topicLength());
                channel.topicSetBy = line.prefix();
                channel.topicSetAt = parseTime(line.tags().get("t"));
            }
        }
        catch (IllegalArgumentException ex) {
            log.warn("IRC: ignoring the malformed topic of {} in the cluster registry: {}", channel.name, ex.getMessage());
        }
    }

    // ------------------------------------------------------------------ what local users do

    /** A local user joined: its member entry, and the JOIN on the bus. */
    void joined(IRCUser user, Channel channel) {
        String line = joinLine(user, channel);
        quietly(this.cluster.names(MEMBERS + channel.folded).claim(this.server.fold(user.nickOrStar()), line),
                "claim member");
        publish(CHANNEL_TOPIC, line);
    }

    /** A local member's status changed: its member entry follows. */
    void statusChanged(IRCUser user, Channel channel) {
        quietly(this.cluster.names(MEMBERS + channel.folded).claim(this.server.fold(user.nickOrStar()),
                joinLine(user, channel)), "claim member");
    }

    private String joinLine(IRCUser user, Channel channel) {
        Channel.Membership membership = channel.membership(user);
        Map<String, String> tags = new LinkedHashMap<>();
        if (membership != null && membership.op) {
            tags.put("op", "");
        }
        if (membership != null && membership.voice) {
            tags.put("voice", "");
        }
        tags.put("rn", user.realname);
        return new IRCMessage(tags, user.mask(), "JOIN", List.of(channel.name)).toLine();
    }

    /** A local user left a channel (PART, KICK): its member entry goes, the line goes on the bus. */
    void left(IRCUser user, Channel channel, @Nullable IRCMessage line) {
        quietly(this.cluster.names(MEMBERS + channel.folded).release(this.server.fold(user.nickOrStar())),
                "release member");
        if (line != null) {
            publish(CHANNEL_TOPIC, line.toLine());
        }
    }

    /** A local user is gone: its nick and member entries are freed, and its QUIT goes on the bus. */
    void quit(IRCUser user, IRCMessage line) {
        if (user.nick != null) {
            releaseNick(user.nick);
        }
        if (!user.registered) {
            return;
        }
        for (Channel channel : user.channels) {
            left(user, channel, null);
        }
        if (!user.channels.isEmpty()) {
            publish(CHANNEL_TOPIC, line.toLine());
        }
    }

    /** A registered local user changed nick: the old nick and member entries are freed, the new ones held. */
    void nickChanged(IRCUser user, String oldNick, IRCMessage line) {
        if (!this.server.fold(oldNick).equals(this.server.fold(user.nickOrStar()))) {
            releaseNick(oldNick);
        }
        refreshNick(user);
        for (Channel channel : user.channels) {
            NameRegistry members = this.cluster.names(MEMBERS + channel.folded);
            quietly(members.release(this.server.fold(oldNick)), "release member");
            quietly(members.claim(this.server.fold(user.nickOrStar()), joinLine(user, channel)), "claim member");
        }
        if (!user.channels.isEmpty()) {
            publish(CHANNEL_TOPIC, line.toLine());
        }
    }

    /** A local user set a topic. */
    void topicChanged(Channel channel, IRCMessage line) {
        IRCMessage tagged = line.withTag("t", Long.toString(channel.topicSetAt));
        publish(CHANNEL_TOPIC, tagged.toLine());
        storeTopic(channel);
    }

    private void storeTopic(Channel channel) {
        if (!this.held.contains(channel.folded)) {
            return;
        }
        String value = (channel.topic == null) ? channel.name
                : new IRCMessage(Map.of("t", Long.toString(channel.topicSetAt)), String.valueOf(channel.topicSetBy),
                        "TOPIC", List.of(channel.name, channel.topic)).toLine();
        quietly(this.channels.claim(channel.folded, value), "store topic");
    }

    /** A local user's MODE, KICK of a remote member, or message to a channel goes to the other nodes. */
    void toChannel(Channel channel, IRCMessage line) {
        publish(CHANNEL_TOPIC, line.toLine());
    }

    /** A local operator kicked a member of another node: the local members see it, the other nodes too. */
    void kickRemote(Channel channel, Channel.RemoteMember member, IRCMessage line) {
        channel.send(line, null);
        channel.removeRemote(member.user().folded);
        drop(member.user());
        publish(CHANNEL_TOPIC, line.toLine());
        this.server.removeIfEmpty(channel);
    }

    /** A message to a user of another node. */
    void toNode(String node, IRCMessage line) {
        publish(NODE_TOPIC + node, line.toLine());
    }

    private void publish(String topic, String body) {
        this.sent.increment();
        this.cluster.publish(topic, body).addErrback(failure -> {
            log.debug("IRC: a message to the other nodes was lost: {}", failure.getErrorMessage());
            return null;
        });
    }

    private static void quietly(Deferred<?> answer, String what) {
        answer.addErrback(failure -> {
            log.warn("IRC: cluster registry: {} failed: {}", what, failure.getErrorMessage());
            return null;
        });
    }

    // ------------------------------------------------------------------ what users on other nodes do

    /** A message from the bus: checked, then applied to this node's view and shown to the local members. */
    void received(ClusterMessage message) {
        this.received.increment();
        safely(message);
    }

    private void safely(ClusterMessage message) {
        try {
            apply(message);
        }
        catch (IllegalArgumentException ex) {
            this.dropped.increment();
            log.warn("IRC: dropped a malformed message from node {} on {}: {}", message.origin(), message.topic(),
                    ex.getMessage());
        }
        catch (RuntimeException ex) {
            this.dropped.increment();
            log.warn("IRC: dropped a message from node {} on {} that could not be applied", message.origin(),
                    message.topic(), ex);
        }
    }

    private IRCMessage parse(String body) {
        if (body.length() > MAX_MESSAGE_BYTES || IRCText.utf8Length(body) > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("longer than " + MAX_MESSAGE_BYTES + " bytes");
        }
        return IRCMessage.parse(body);
    }

    private void apply(ClusterMessage message) {
        IRCMessage line = parse(message.body());
        String prefix = line.prefix();
        if (prefix == null) {
            throw new IllegalArgumentException("no source");
        }
        int bang = prefix.indexOf('!');
        int at = prefix.indexOf('@', bang + 1);
        if (bang <= 0 || at < 0 || at == prefix.length() - 1) {
            throw new IllegalArgumentException("the source is not nick!user@host: " + prefix);
        }
        String nick = prefix.substring(0, bang);
        if (!Masks.isNick(nick, IRCMessage.MAX_LINE_BYTES)) {
            throw new IllegalArgumentException("not a nick: " + nick);
        }
        String folded = this.server.fold(nick);
        if (this.server.user(nick) != null) {
            throw new IllegalArgumentException("the nick " + nick + " is held by a user of this node");
        }
        String origin = message.origin();
        List<String> params = line.params();
        String command = line.command();
        if (message.topic().startsWith(MEMBERS) && !command.equals("JOIN")) {
            throw new IllegalArgumentException("a member entry that is not a JOIN: " + command);
        }
        if (message.topic().startsWith(NODE_TOPIC)) {
            if (!RELAYED.contains(command) || params.isEmpty()) {
                throw new IllegalArgumentException("not a message to a user: " + command);
            }
            toLocalUser(line, params.get(0));
            return;
        }
        if (command.equals("QUIT")) {
            remoteQuit(folded, origin, line);
            return;
        }
        if (command.equals("NICK")) {
            need(params, 1);
            remoteNick(folded, origin, params.get(0), line);
            return;
        }
        need(params, 1);
        String name = params.get(0);
        if (name.isEmpty() || !Masks.isChannelType(name.charAt(0))
                || !Masks.isChannelName(name, this.server.settings().channelLength())) {
            throw new IllegalArgumentException("not a channel: " + name);
        }
        if (command.equals("JOIN")) {
            remoteJoin(line, prefix, nick, folded, origin, name);
            return;
        }
        Channel channel = this.server.channel(name);
        if (channel == null) {
            return;
        }
        switch (command) {
            case "PART" -> remoteLeave(channel, folded, line);
            case "KICK" -> {
                need(params, 2);
                remoteKick(channel, params.get(1), line);
            }
            case "TOPIC" -> {
                need(params, 2);
                String text = IRCText.truncate(params.get(1), this.server.settings().topicLength());
                channel.topic = text.isEmpty() ? null : text;
                channel.topicSetBy = prefix;
                channel.topicSetAt = parseTime(line.tags().get("t"));
                channel.send(line.withoutTags(), null);
                storeTopic(channel);
            }
            case "MODE" -> {
                need(params, 2);
                remoteModes(channel, params);
                channel.send(line.withoutTags(), null);
            }
            case "PRIVMSG", "NOTICE", "TAGMSG" -> {
                if (channel.has('n') && !channel.remote.containsKey(folded)) {
                    throw new IllegalArgumentException(nick + " is not in " + channel.name + ", which is +n");
                }
                toLocalMembers(channel, line);
            }
            default -> throw new IllegalArgumentException("not a channel event: " + command);
        }
    }

    private static void need(List<String> params, int count) {
        if (params.size() < count) {
            throw new IllegalArgumentException("too few parameters");
        }
    }

    private long parseTime(@Nullable String text) {
        if (text != null) {
            try {
                return Long.parseLong(text);
            }
            catch (NumberFormatException ex) {
                // the local clock's time, as for a topic without one
            }
        }
        return (long) this.server.clock().seconds();
    }

    private void remoteJoin(IRCMessage line, String prefix, String nick, String folded, String origin, String name) {
        RemoteUser user = this.users.get(folded);
        if (user == null || !user.node.equals(origin)) {
            if (user != null) {
                forget(user, new IRCMessage(Map.of(), user.mask(), "QUIT", List.of(NICK_COLLISION)));
            }
            int bang = prefix.indexOf('!');
            int at = prefix.indexOf('@', bang + 1);
            String realname = IRCText.truncate(line.tags().getOrDefault("rn", ""), IRCMessage.MAX_LINE_BYTES);
            user = new RemoteUser(nick, folded, prefix.substring(bang + 1, at), prefix.substring(at + 1), realname,
                    origin);
            this.users.put(folded, user);
        }
        Channel channel = this.server.channel(name);
        if (channel == null) {
            channel = this.server.createChannel(name);
            channel.flags.add('n');
            channel.flags.add('t');
        }
        if (channel.remote.containsKey(folded)) {
            return;
        }
        Channel.Membership membership = new Channel.Membership();
        membership.op = line.tags().containsKey("op");
        membership.voice = line.tags().containsKey("voice");
        channel.addRemote(user, membership);
        channel.send(new IRCMessage(Map.of(), prefix, "JOIN", List.of(channel.name)), null);
    }

    private void remoteLeave(Channel channel, String folded, IRCMessage line) {
        Channel.RemoteMember member = channel.remote.get(folded);
        if (member == null) {
            return;
        }
        channel.send(line.withoutTags(), null);
        channel.removeRemote(folded);
        drop(member.user());
        this.server.removeIfEmpty(channel);
    }

    private void remoteKick(Channel channel, String victim, IRCMessage line) {
        IRCUser local = this.server.registeredUser(victim);
        if (local != null && channel.members.containsKey(local)) {
            channel.send(line.withoutTags(), null);
            channel.remove(local);
            local.channels.remove(channel);
            left(local, channel, null);
            this.server.removeIfEmpty(channel);
            return;
        }
        Channel.RemoteMember member = channel.remote.get(this.server.fold(victim));
        if (member != null) {
            channel.send(line.withoutTags(), null);
            channel.removeRemote(member.user().folded);
            drop(member.user());
            this.server.removeIfEmpty(channel);
        }
    }

    private void remoteQuit(String folded, String origin, IRCMessage line) {
        RemoteUser user = this.users.get(folded);
        if (user != null && user.node.equals(origin)) {
            forget(user, line.withoutTags());
        }
    }

    private void remoteNick(String folded, String origin, String newNick, IRCMessage line) {
        if (!Masks.isNick(newNick, IRCMessage.MAX_LINE_BYTES)) {
            throw new IllegalArgumentException("not a nick: " + newNick);
        }
        RemoteUser user = this.users.get(folded);
        if (user == null || !user.node.equals(origin)) {
            return;
        }
        String newFolded = this.server.fold(newNick);
        if (!newFolded.equals(folded) && (this.users.containsKey(newFolded) || this.server.user(newNick) != null)) {
            throw new IllegalArgumentException("the new nick " + newNick + " is already known");
        }
        showToNeighbours(user, line.withoutTags());
        this.users.remove(folded);
        user.nick = newNick;
        user.folded = newFolded;
        this.users.put(newFolded, user);
        for (Channel channel : user.channels) {
            Channel.RemoteMember member = channel.remote.remove(folded);
            if (member != null) {
                channel.remote.put(newFolded, member);
            }
        }
    }

    private void remoteModes(Channel channel, List<String> params) {
        int next = 2;
        char sign = '+';
        for (char c : params.get(1).toCharArray()) {
            switch (c) {
                case '+', '-' -> sign = c;
                case 'o', 'v' -> {
                    String nick = (next < params.size()) ? params.get(next++) : null;
                    if (nick != null) {
                        status(channel, nick, c, sign == '+');
                    }
                }
                case 'b' -> {
                    String mask = (next < params.size()) ? params.get(next++) : null;
                    if (mask != null) {
                        String key = this.server.fold(mask);
                        channel.bans.removeIf(ban -> this.server.fold(ban.mask()).equals(key));
                        if (sign == '+' && channel.bans.size() < this.server.settings().maxListEntries()) {
                            channel.bans.add(new Channel.Ban(mask, String.valueOf(params.get(0)),
                                    (long) this.server.clock().seconds()));
                        }
                    }
                }
                case 'k' -> {
                    String key = (next < params.size()) ? params.get(next++) : null;
                    channel.key = (sign == '+') ? key : null;
                }
                case 'l' -> {
                    if (sign == '+') {
                        String limit = (next < params.size()) ? params.get(next++) : "0";
                        try {
                            channel.limit = Math.max(0, Integer.parseInt(limit));
                        }
                        catch (NumberFormatException ex) {
                            throw new IllegalArgumentException("not a limit: " + limit);
                        }
                    }
                    else {
                        channel.limit = 0;
                    }
                }
                case 'i', 'm', 'n', 's', 't' -> {
                    if (sign == '+') {
                        channel.flags.add(c);
                    }
                    else {
                        channel.flags.remove(c);
                    }
                }
                default -> throw new IllegalArgumentException("unknown channel mode " + c);
            }
        }
    }

    private void status(Channel channel, String nick, char mode, boolean set) {
        Channel.Membership membership;
        IRCUser local = this.server.registeredUser(nick);
        if (local != null) {
            membership = channel.membership(local);
        }
        else {
            Channel.RemoteMember member = channel.remote.get(this.server.fold(nick));
            membership = (member != null) ? member.membership() : null;
        }
        if (membership == null) {
            return;
        }
        if (mode == 'o') {
            membership.op = set;
        }
        else {
            membership.voice = set;
        }
        if (local != null) {
            statusChanged(local, channel);
        }
    }

    private void toLocalMembers(Channel channel, IRCMessage line) {
        boolean tagOnly = line.command().equals("TAGMSG");
        if (!tagOnly && line.params().size() < 2) {
            throw new IllegalArgumentException("no text");
        }
        IRCMessage out = clientTagsOnly(line);
        int delivered = 0;
        for (IRCUser member : List.copyOf(channel.members.keySet())) {
            if (!tagOnly || member.caps.contains("message-tags")) {
                member.send(out);
                delivered++;
            }
        }
        this.server.relayed(delivered);
    }

    private void toLocalUser(IRCMessage line, String nick) {
        boolean tagOnly = line.command().equals("TAGMSG");
        if (!tagOnly && line.params().size() < 2) {
            throw new IllegalArgumentException("no text");
        }
        IRCUser target = this.server.registeredUser(nick);
        if (target != null && (!tagOnly || target.caps.contains("message-tags"))) {
            target.send(clientTagsOnly(line));
            this.server.relayed(1);
        }
    }

    private static IRCMessage clientTagsOnly(IRCMessage line) {
        Map<String, String> tags = new LinkedHashMap<>();
        line.tags().forEach((key, value) -> {
            if (key.startsWith("+")) {
                tags.put(key, value);
            }
        });
        return new IRCMessage(tags, line.prefix(), line.command(), line.params());
    }

    // ------------------------------------------------------------------ lost nodes

    /** A node is gone: the members see each of its users quit, and this node's view forgets them. */
    void nodeLost(String node) {
        for (RemoteUser user : List.copyOf(this.users.values())) {
            if (user.node.equals(node)) {
                forget(user, new IRCMessage(Map.of(), user.mask(), "QUIT", List.of(NODE_LOST)));
            }
        }
    }

    /** Takes a remote user out of every channel, the local members shown {@code quit} when given. */
    private void forget(RemoteUser user, @Nullable IRCMessage quit) {
        if (quit != null) {
            showToNeighbours(user, quit);
        }
        for (Channel channel : List.copyOf(user.channels)) {
            channel.removeRemote(user.folded);
            this.server.removeIfEmpty(channel);
        }
        this.users.remove(user.folded, user);
    }

    private void drop(RemoteUser user) {
        if (user.channels.isEmpty()) {
            this.users.remove(user.folded, user);
        }
    }

    private static void showToNeighbours(RemoteUser user, IRCMessage line) {
        Set<IRCUser> seen = new LinkedHashSet<>();
        for (Channel channel : user.channels) {
            seen.addAll(channel.members.keySet());
        }
        for (IRCUser member : seen) {
            member.send(line);
        }
    }

    /** How many users of other nodes this node knows (for LUSERS). */
    int remoteUsers() {
        return this.users.size();
    }
}
