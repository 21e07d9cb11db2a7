package twisted.words.irc.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;
import twisted.words.irc.IRCText;
import twisted.words.irc.Numerics;

/**
 * {@code PRIVMSG}, {@code NOTICE} and {@code TAGMSG}, to nicks and channels, up to
 * {@code targetsPerMessage} targets each. The sender gets its own message back only with
 * {@code echo-message}; {@code NOTICE} never gets an automatic reply, errors included (RFC 1459
 * 4.4.2); client tags ({@code +name}) reach recipients that negotiated {@code message-tags}.
 */
final class Messaging {

    private Messaging() {
    }

    static void privmsg(IRCUser user, IRCMessage message) {
        deliver(user, message, "PRIVMSG", true);
    }

    static void notice(IRCUser user, IRCMessage message) {
        deliver(user, message, "NOTICE", false);
    }

    static void tagmsg(IRCUser user, IRCMessage message) {
        deliver(user, message, "TAGMSG", false);
    }

    private static void deliver(IRCUser user, IRCMessage message, String command, boolean replies) {
        List<String> params = message.params();
        boolean tagOnly = command.equals("TAGMSG");
        if (params.isEmpty() || params.get(0).isEmpty()) {
            if (replies) {
                user.reply(Numerics.ERR_NORECIPIENT, "No recipient given (" + command + ")");
            }
            return;
        }
        if (!tagOnly && (params.size() < 2 || params.get(1).isEmpty())) {
            if (replies) {
                user.reply(Numerics.ERR_NOTEXTTOSEND, "No text to send");
            }
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        message.tags().forEach((key, value) -> {
            if (key.startsWith("+")) {
                tags.put(key, value);
            }
        });
        if (command.equals("PRIVMSG")) {
            user.lastSpokeAt = (long) user.now();
        }
        String[] targets = params.get(0).split(",");
        int limit = user.server.settings().targetsPerMessage();
        for (int i = 0; i < targets.length; i++) {
            if (i >= limit) {
                if (replies) {
                    user.reply(Numerics.ERR_TOOMANYTARGETS, targets[i], "Too many recipients");
                }
                return;
            }
            String target = targets[i];
            if (target.isEmpty()) {
                continue;
            }
            if (Masks.isChannelType(target.charAt(0))) {
                toChannel(user, target, tags, command, tagOnly ? null : params.get(1), replies);
            }
            else {
                toUser(user, target, tags, command, tagOnly ? null : params.get(1), replies);
            }
        }
    }

    /**
     * The message as relayed. Its text is cut, at a character boundary, so that the line with the
     * sender's prefix still fits in 512 bytes: a client may send 510 bytes, and the prefix the
     * relay adds would otherwise make a line receivers drop as too long (daemons cut it the same way).
     */
    private static IRCMessage build(IRCUser user, Map<String, String> tags, String command, String target,
            @Nullable String text) {
        if (text == null) {
            return new IRCMessage(tags, user.mask(), command, List.of(target));
        }
        int room = IRCMessage.MAX_LINE_BYTES - 2
                - IRCText.utf8Length(":" + user.mask() + " " + command + " " + target + " :");
        return new IRCMessage(tags, user.mask(), command, List.of(target, IRCText.truncate(text, Math.max(0, room))));
    }

    private static void toChannel(IRCUser user, String name, Map<String, String> tags, String command,
            @Nullable String text, boolean replies) {
        Channel channel = user.server.channel(name);
        if (channel == null) {
            if (replies) {
                user.reply(Numerics.ERR_NOSUCHNICK, name, "No such nick/channel");
            }
            return;
        }
        if (!maySend(user, channel)) {
            if (replies) {
                user.reply(Numerics.ERR_CANNOTSENDTOCHAN, channel.name, "Cannot send to channel");
            }
            return;
        }
        IRCMessage out = build(user, tags, command, channel.name, text);
        int delivered = 0;
        for (IRCUser member : List.copyOf(channel.members.keySet())) {
            if (member != user && (text != null || member.caps.contains("message-tags"))) {
                member.send(out);
                delivered++;
            }
        }
        user.server.relayed(delivered);
        if (!channel.remote.isEmpty() && user.server.link() != null) {
            user.server.link().toChannel(channel, out);
        }
        echo(user, out);
    }

    private static boolean maySend(IRCUser user, Channel channel) {
        boolean member = channel.members.containsKey(user);
        if (!member && channel.has('n')) {
            return false;
        }
        if (channel.isVoiced(user)) {
            return true;
        }
        return !channel.has('m') && !channel.isBanned(user, user.server);
    }

    private static void toUser(IRCUser user, String nick, Map<String, String> tags, String command,
            @Nullable String text, boolean replies) {
        IRCUser target = user.server.registeredUser(nick);
        ClusterLink link = user.server.link();
        if (target == null && link != null && user.server.user(nick) == null) {
            toRemoteUser(user, link, nick, tags, command, text, replies);
            return;
        }
        if (target == null) {
            if (replies) {
                user.reply(Numerics.ERR_NOSUCHNICK, nick, "No such nick/channel");
            }
            return;
        }
        IRCMessage out = build(user, tags, command, target.nickOrStar(), text);
        if (text != null || target.caps.contains("message-tags")) {
            target.send(out);
            user.server.relayed(1);
        }
        if (replies && target.away != null) {
            user.reply(Numerics.RPL_AWAY, target.nickOrStar(), target.away);
        }
        echo(user, out);
    }

    /** A nick no local user holds: the cluster says which node holds it, and the message goes there. */
    private static void toRemoteUser(IRCUser user, ClusterLink link, String nick, Map<String, String> tags,
            String command, @Nullable String text, boolean replies) {
        user.awaitCluster(link.lookupNick(nick), (entry, failure) -> {
            String[] who = (entry != null && !entry.node().equals(link.nodeId()))
                    ? ClusterLink.parseNickValue(entry.value()) : null;
            if (who == null) {
                if (replies) {
                    user.reply(Numerics.ERR_NOSUCHNICK, nick, "No such nick/channel");
                }
                return;
            }
            IRCMessage out = build(user, tags, command, who[0], text);
            link.toNode(entry.node(), out);
            echo(user, out);
        });
    }

    private static void echo(IRCUser user, IRCMessage out) {
        if (user.caps.contains("echo-message") && (!out.command().equals("TAGMSG") || user.caps.contains("message-tags"))) {
            user.send(out);
        }
    }
}
