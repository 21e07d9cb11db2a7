package twisted.words.irc.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;
import twisted.words.irc.IRCText;
import twisted.words.irc.Numerics;

/** {@code JOIN}, {@code PART}, {@code TOPIC}, {@code NAMES}, {@code LIST}, {@code KICK} and {@code INVITE}. */
final class ChannelCommands {

    private ChannelCommands() {
    }

    static void join(IRCUser user, IRCMessage message) {
        if (message.params().get(0).equals("0")) {
            for (Channel channel : List.copyOf(user.channels)) {
                leave(user, channel, new IRCMessage(Map.of(), user.mask(), "PART", List.of(channel.name)));
            }
            return;
        }
        String[] names = message.params().get(0).split(",");
        String[] keys = (message.params().size() > 1) ? message.params().get(1).split(",") : new String[0];
        joinFrom(user, names, keys, 0);
    }

    /** Joins the channels from {@code start} on, in order, each waiting for the cluster when it must. */
    private static void joinFrom(IRCUser user, String[] names, String[] keys, int start) {
        for (int i = start; i < names.length; i++) {
            if (names[i].isEmpty()) {
                continue;
            }
            String key = (i < keys.length) ? keys[i] : null;
            if (!joinOne(user, names[i], key)) {
                int next = i + 1;
                claimAndJoin(user, names[i], key, () -> joinFrom(user, names, keys, next));
                return;
            }
        }
    }

    /**
     * Joins one channel, unless the cluster must be asked first.
     *
     * @return {@code false} when the cluster must be asked: no user of this node is in the channel
     */
    private static boolean joinOne(IRCUser user, String name, @Nullable String key) {
        IRCServer server = user.server;
        IRCServerSettings settings = server.settings();
        if (!Masks.isChannelType(name.charAt(0))) {
            user.reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
            return true;
        }
        if (!Masks.isChannelName(name, settings.channelLength())) {
            user.reply(Numerics.ERR_BADCHANMASK, name, "Bad Channel Mask");
            return true;
        }
        Channel channel = server.channel(name);
        if (channel != null && channel.members.containsKey(user)) {
            return true;
        }
        if (user.channels.size() >= settings.channelsPerClient()) {
            user.reply(Numerics.ERR_TOOMANYCHANNELS, name, "You have joined too many channels");
            return true;
        }
        if (channel == null && !settings.createChannelsOnJoin()) {
            user.reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
            return true;
        }
        if (server.link() != null && (channel == null || channel.members.isEmpty())) {
            return false;
        }
        completeJoin(user, name, key, null);
        return true;
    }

    /**
     * The first user of this node to join a channel: the cluster says whether anyone holds it
     * anywhere (the first joiner anywhere is its operator), and who its members on other nodes are.
     */
    private static void claimAndJoin(IRCUser user, String name, @Nullable String key, Runnable next) {
        ClusterLink link = Objects.requireNonNull(user.server.link());
        user.awaitCluster(link.firstLocalJoin(name), (op, failure) -> {
            if (failure != null) {
                user.reply(Numerics.ERR_UNAVAILRESOURCE, name,
                        "Nick/channel is temporarily unavailable: the network cannot be reached, try again later");
            }
            else {
                completeJoin(user, name, key, Boolean.TRUE.equals(op));
            }
            Channel channel = user.server.channel(name);
            if (channel == null || channel.isEmpty()) {
                link.releaseChannel(user.server.fold(name));
            }
            next.run();
        });
    }

    /**
     * Puts the user in the channel, creating it if need be, and shows the JOIN, topic and names.
     *
     * @param clusterOp {@code null} on a server of its own or when this node has members already;
     *        otherwise whether the cluster made the joiner the channel's first member anywhere
     */
    private static void completeJoin(IRCUser user, String name, @Nullable String key, @Nullable Boolean clusterOp) {
        IRCServer server = user.server;
        Channel channel = server.channel(name);
        if (channel != null && channel.members.containsKey(user)) {
            return;
        }
        boolean op = false;
        if (channel == null) {
            if (!server.settings().createChannelsOnJoin()) {
                user.reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
                return;
            }
            channel = server.createChannel(name);
            channel.flags.add('n');
            channel.flags.add('t');
            op = (clusterOp == null) || clusterOp;
        }
        else if (!mayJoin(user, channel, key)) {
            return;
        }
        else if (clusterOp != null) {
            op = clusterOp && channel.isEmpty() && !channel.permanent;
        }
        channel.add(user, op);
        user.channels.add(channel);
        channel.invited.remove(server.fold(user.nickOrStar()));
        channel.send(new IRCMessage(Map.of(), user.mask(), "JOIN", List.of(channel.name)), null);
        if (server.link() != null) {
            server.link().joined(user, channel);
        }
        if (channel.topic != null) {
            topicReply(user, channel);
        }
        namesReply(user, channel);
    }

    private static boolean mayJoin(IRCUser user, Channel channel, @Nullable String key) {
        boolean invited = channel.invited.contains(user.server.fold(user.nickOrStar()));
        String refusal = null;
        String numeric = null;
        if (!invited && channel.isBanned(user, user.server)) {
            numeric = Numerics.ERR_BANNEDFROMCHAN;
            refusal = "Cannot join channel (+b)";
        }
        else if (!invited && channel.has('i')) {
            numeric = Numerics.ERR_INVITEONLYCHAN;
            refusal = "Cannot join channel (+i)";
        }
        else if (channel.key != null && !channel.key.equals(key)) {
            numeric = Numerics.ERR_BADCHANNELKEY;
            refusal = "Cannot join channel (+k)";
        }
        else if (channel.limit > 0 && channel.size() >= channel.limit) {
            numeric = Numerics.ERR_CHANNELISFULL;
            refusal = "Cannot join channel (+l)";
        }
        if (numeric != null) {
            user.reply(numeric, channel.name, refusal);
            return false;
        }
        return true;
    }

    static void part(IRCUser user, IRCMessage message) {
        String reason = (message.params().size() > 1) ? message.params().get(1) : null;
        for (String name : message.params().get(0).split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            Channel channel = memberChannel(user, name);
            if (channel != null) {
                List<String> params = (reason != null) ? List.of(channel.name, reason) : List.of(channel.name);
                leave(user, channel, new IRCMessage(Map.of(), user.mask(), "PART", params));
            }
        }
    }

    /** Shows every member (the leaver too) the message, then takes the user out. */
    private static void leave(IRCUser user, Channel channel, IRCMessage message) {
        channel.send(message, null);
        channel.remove(user);
        user.channels.remove(channel);
        if (user.server.link() != null) {
            user.server.link().left(user, channel, message);
        }
        user.server.removeIfEmpty(channel);
    }

    /** The channel, if it exists and the user is in it; otherwise {@code 403} or {@code 442} was sent. */
    static @Nullable Channel memberChannel(IRCUser user, String name) {
        Channel channel = user.server.channel(name);
        if (channel == null) {
            user.reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
            return null;
        }
        if (!channel.members.containsKey(user)) {
            user.reply(Numerics.ERR_NOTONCHANNEL, channel.name, "You're not on that channel");
            return null;
        }
        return channel;
    }

    static void topic(IRCUser user, IRCMessage message) {
        String name = message.params().get(0);
        if (message.params().size() == 1) {
            Channel channel = user.server.channel(name);
            if (channel == null) {
                user.reply(Numerics.ERR_NOSUCHCHANNEL, name, "No such channel");
            }
            else if (channel.isSecret() && !channel.members.containsKey(user)) {
                user.reply(Numerics.ERR_NOTONCHANNEL, channel.name, "You're not on that channel");
            }
            else if (channel.topic == null) {
                user.reply(Numerics.RPL_NOTOPIC, channel.name, "No topic is set");
            }
            else {
                topicReply(user, channel);
            }
            return;
        }
        Channel channel = memberChannel(user, name);
        if (channel == null) {
            return;
        }
        if (channel.has('t') && !channel.isOp(user)) {
            user.reply(Numerics.ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
            return;
        }
        String text = IRCText.truncate(message.params().get(1), user.server.settings().topicLength());
        channel.topic = text.isEmpty() ? null : text;
        channel.topicSetBy = user.mask();
        channel.topicSetAt = (long) user.now();
        IRCMessage change = new IRCMessage(Map.of(), user.mask(), "TOPIC", List.of(channel.name, text));
        channel.send(change, null);
        if (user.server.link() != null) {
            user.server.link().topicChanged(channel, change);
        }
    }

    private static void topicReply(IRCUser user, Channel channel) {
        user.reply(Numerics.RPL_TOPIC, channel.name, String.valueOf(channel.topic));
        user.reply(Numerics.RPL_TOPICWHOTIME, channel.name, String.valueOf(channel.topicSetBy),
                Long.toString(channel.topicSetAt));
    }

    static void names(IRCUser user, IRCMessage message) {
        if (message.params().isEmpty()) {
            user.reply(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list");
            return;
        }
        for (String name : message.params().get(0).split(",")) {
            Channel channel = user.server.channel(name);
            if (channel != null && visible(user, channel)) {
                namesReply(user, channel);
            }
            else if (!name.isEmpty()) {
                user.reply(Numerics.RPL_ENDOFNAMES, name, "End of /NAMES list");
            }
        }
    }

    static boolean visible(IRCUser user, Channel channel) {
        return !channel.isSecret() || channel.members.containsKey(user);
    }

    /** {@code 353} lines, each within 512 bytes, then {@code 366}; invisible users only for members. */
    static void namesReply(IRCUser user, Channel channel) {
        boolean member = channel.members.containsKey(user);
        boolean all = user.caps.contains("multi-prefix");
        String symbol = channel.isSecret() ? "@" : "=";
        int overhead = IRCText.utf8Length(":" + user.server.name() + " 353 " + user.nickOrStar() + " " + symbol + " "
                + channel.name + " :\r\n");
        int budget = 512 - overhead;
        List<String> items = new ArrayList<>(channel.members.size() + channel.remote.size());
        for (Map.Entry<IRCUser, Channel.Membership> entry : channel.members.entrySet()) {
            IRCUser other = entry.getKey();
            if (member || !other.modes.contains('i')) {
                items.add(entry.getValue().prefixes(all) + other.nickOrStar());
            }
        }
        for (Channel.RemoteMember remote : channel.remote.values()) {
            items.add(remote.membership().prefixes(all) + remote.user().nick);
        }
        StringBuilder line = new StringBuilder();
        for (String item : items) {
            if (line.length() > 0 && IRCText.utf8Length(line) + 1 + IRCText.utf8Length(item) > budget) {
                user.reply(Numerics.RPL_NAMREPLY, symbol, channel.name, line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(item);
        }
        if (line.length() > 0) {
            user.reply(Numerics.RPL_NAMREPLY, symbol, channel.name, line.toString());
        }
        user.reply(Numerics.RPL_ENDOFNAMES, channel.name, "End of /NAMES list");
    }

    static void list(IRCUser user, IRCMessage message) {
        user.reply(Numerics.RPL_LISTSTART, "Channel", "Users  Name");
        List<Channel> channels = new ArrayList<>();
        if (message.params().isEmpty()) {
            channels.addAll(user.server.channels());
            channels.sort((a, b) -> a.name.compareTo(b.name));
        }
        else {
            for (String name : message.params().get(0).split(",")) {
                Channel channel = user.server.channel(name);
                if (channel != null) {
                    channels.add(channel);
                }
            }
        }
        for (Channel channel : channels) {
            if (visible(user, channel)) {
                user.reply(Numerics.RPL_LIST, channel.name, Integer.toString(channel.size()),
                        (channel.topic != null) ? channel.topic : "");
            }
        }
        user.reply(Numerics.RPL_LISTEND, "End of /LIST");
    }

    static void kick(IRCUser user, IRCMessage message) {
        Channel channel = memberChannel(user, message.params().get(0));
        if (channel == null) {
            return;
        }
        if (!channel.isOp(user)) {
            user.reply(Numerics.ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
            return;
        }
        String reason = (message.params().size() > 2) ? message.params().get(2) : user.nickOrStar();
        reason = IRCText.truncate(reason, IRCUser.KICK_LENGTH);
        String[] nicks = message.params().get(1).split(",");
        int limit = user.server.settings().targetsPerMessage();
        for (int i = 0; i < nicks.length; i++) {
            if (i >= limit) {
                user.reply(Numerics.ERR_TOOMANYTARGETS, nicks[i], "Too many targets");
                continue;
            }
            IRCUser target = user.server.registeredUser(nicks[i]);
            Channel.RemoteMember remote = (target == null) ? channel.remote.get(user.server.fold(nicks[i])) : null;
            if (remote != null) {
                IRCMessage kick = new IRCMessage(Map.of(), user.mask(), "KICK",
                        List.of(channel.name, remote.user().nick, reason));
                Objects.requireNonNull(user.server.link()).kickRemote(channel, remote, kick);
            }
            else if (target == null) {
                user.reply(Numerics.ERR_NOSUCHNICK, nicks[i], "No such nick/channel");
            }
            else if (!channel.members.containsKey(target)) {
                user.reply(Numerics.ERR_USERNOTINCHANNEL, target.nickOrStar(), channel.name,
                        "They aren't on that channel");
            }
            else {
                leave(target, channel, new IRCMessage(Map.of(), user.mask(), "KICK",
                        List.of(channel.name, target.nickOrStar(), reason)));
            }
        }
    }

    static void invite(IRCUser user, IRCMessage message) {
        IRCUser target = user.server.registeredUser(message.params().get(0));
        if (target == null) {
            user.reply(Numerics.ERR_NOSUCHNICK, message.params().get(0), "No such nick/channel");
            return;
        }
        Channel channel = memberChannel(user, message.params().get(1));
        if (channel == null) {
            return;
        }
        if (channel.members.containsKey(target)) {
            user.reply(Numerics.ERR_USERONCHANNEL, target.nickOrStar(), channel.name, "is already on channel");
            return;
        }
        if (channel.has('i') && !channel.isOp(user)) {
            user.reply(Numerics.ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
            return;
        }
        channel.invited.add(user.server.fold(target.nickOrStar()));
        user.reply(Numerics.RPL_INVITING, target.nickOrStar(), channel.name);
        target.send(new IRCMessage(Map.of(), user.mask(), "INVITE", List.of(target.nickOrStar(), channel.name)));
        if (target.away != null) {
            user.reply(Numerics.RPL_AWAY, target.nickOrStar(), target.away);
        }
    }
}
