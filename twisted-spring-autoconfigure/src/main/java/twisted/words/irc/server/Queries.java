package twisted.words.irc.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import twisted.words.irc.IRCMessage;
import twisted.words.irc.IRCText;
import twisted.words.irc.Numerics;

/**
 * The commands that ask about users and the server, and a user's own state: {@code PING},
 * {@code QUIT}, {@code WHO}, {@code WHOIS}, {@code ISON}, {@code USERHOST}, {@code AWAY},
 * {@code VERSION}, {@code TIME}.
 */
final class Queries {

    private static final int USERHOST_MAX = 5;

    private Queries() {
    }

    static void ping(IRCUser user, IRCMessage message) {
        if (message.params().isEmpty() || message.params().get(0).isEmpty()) {
            user.reply(Numerics.ERR_NOORIGIN, "No origin specified");
            return;
        }
        user.sendFromServer("PONG", user.server.name(), message.params().get(0));
    }

    static void quit(IRCUser user, IRCMessage message) {
        String reason = message.params().isEmpty() ? "Client Quit" : "Quit: " + message.params().get(0);
        user.close(reason, reason, null);
    }

    static void who(IRCUser user, IRCMessage message) {
        String mask = message.params().isEmpty() ? "*" : message.params().get(0);
        boolean operatorsOnly = message.params().size() > 1 && message.params().get(1).equals("o");
        IRCServer server = user.server;
        if (!mask.isEmpty() && Masks.isChannelType(mask.charAt(0))) {
            Channel channel = server.channel(mask);
            if (channel != null && ChannelCommands.visible(user, channel)) {
                boolean member = channel.members.containsKey(user);
                for (Map.Entry<IRCUser, Channel.Membership> entry : List.copyOf(channel.members.entrySet())) {
                    IRCUser other = entry.getKey();
                    if ((member || !other.modes.contains('i')) && (!operatorsOnly || other.isOperator())) {
                        whoLine(user, channel.name, other, entry.getValue().prefixes(user.caps.contains("multi-prefix")));
                    }
                }
                if (!operatorsOnly) {
                    for (Channel.RemoteMember remote : List.copyOf(channel.remote.values())) {
                        RemoteUser other = remote.user();
                        String flags = "H" + remote.membership().prefixes(user.caps.contains("multi-prefix"));
                        user.reply(Numerics.RPL_WHOREPLY, channel.name, other.username, other.host, user.server.name(),
                                other.nick, flags, "0 " + other.realname);
                    }
                }
            }
        }
        else {
            boolean all = mask.equals("*") || mask.equals("0");
            for (IRCUser other : server.registeredUsers()) {
                boolean seen = other == user || !other.modes.contains('i') || shareChannel(user, other);
                boolean matches = all || Masks.matches(mask, other.nickOrStar(), server.caseMapping())
                        || Masks.matches(mask, other.host, server.caseMapping());
                if (seen && matches && (!operatorsOnly || other.isOperator())) {
                    whoLine(user, "*", other, "");
                }
            }
        }
        user.reply(Numerics.RPL_ENDOFWHO, mask, "End of WHO list");
    }

    private static boolean shareChannel(IRCUser a, IRCUser b) {
        for (Channel channel : a.channels) {
            if (channel.members.containsKey(b)) {
                return true;
            }
        }
        return false;
    }

    private static void whoLine(IRCUser user, String channel, IRCUser other, String prefixes) {
        String flags = ((other.away != null) ? "G" : "H") + (other.isOperator() ? "*" : "") + prefixes;
        user.reply(Numerics.RPL_WHOREPLY, channel, String.valueOf(other.username), other.host, user.server.name(),
                other.nickOrStar(), flags, "0 " + other.realname);
    }

    static void whois(IRCUser user, IRCMessage message) {
        List<String> params = message.params();
        String nick = params.isEmpty() ? "" : params.get(params.size() - 1).split(",")[0];
        if (nick.isEmpty()) {
            user.reply(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        IRCUser target = user.server.registeredUser(nick);
        ClusterLink link = user.server.link();
        if (target == null && link != null && user.server.user(nick) == null) {
            user.awaitCluster(link.lookupNick(nick), (entry, failure) -> {
                String[] who = (entry != null && !entry.node().equals(link.nodeId()))
                        ? ClusterLink.parseNickValue(entry.value()) : null;
                if (who == null) {
                    user.reply(Numerics.ERR_NOSUCHNICK, nick, "No such nick/channel");
                    user.reply(Numerics.RPL_ENDOFWHOIS, nick, "End of /WHOIS list");
                    return;
                }
                user.reply(Numerics.RPL_WHOISUSER, who[0], who[1], who[2], "*", who[3]);
                user.reply(Numerics.RPL_WHOISSERVER, who[0], user.server.name(),
                        user.server.settings().networkName() + " IRC server, node " + entry.node());
                user.reply(Numerics.RPL_ENDOFWHOIS, who[0], "End of /WHOIS list");
            });
            return;
        }
        if (target == null) {
            user.reply(Numerics.ERR_NOSUCHNICK, nick, "No such nick/channel");
            user.reply(Numerics.RPL_ENDOFWHOIS, nick, "End of /WHOIS list");
            return;
        }
        String name = target.nickOrStar();
        user.reply(Numerics.RPL_WHOISUSER, name, String.valueOf(target.username), target.host, "*", target.realname);
        List<String> channels = new ArrayList<>();
        boolean all = user.caps.contains("multi-prefix");
        for (Channel channel : target.channels) {
            if (ChannelCommands.visible(user, channel)) {
                Channel.Membership membership = channel.membership(target);
                channels.add(((membership != null) ? membership.prefixes(all) : "") + channel.name);
            }
        }
        if (!channels.isEmpty()) {
            user.reply(Numerics.RPL_WHOISCHANNELS, name, String.join(" ", channels));
        }
        user.reply(Numerics.RPL_WHOISSERVER, name, user.server.name(), user.server.settings().networkName() + " IRC server");
        if (target.away != null) {
            user.reply(Numerics.RPL_AWAY, name, target.away);
        }
        if (target.isOperator()) {
            user.reply(Numerics.RPL_WHOISOPERATOR, name, "is an IRC operator");
        }
        if (target.account != null) {
            user.reply(Numerics.RPL_WHOISACCOUNT, name, target.account, "is logged in as");
        }
        long idle = Math.max(0, (long) user.now() - target.lastSpokeAt);
        user.reply(Numerics.RPL_WHOISIDLE, name, Long.toString(idle), Long.toString(target.signonAt),
                "seconds idle, signon time");
        user.reply(Numerics.RPL_ENDOFWHOIS, name, "End of /WHOIS list");
    }

    static void ison(IRCUser user, IRCMessage message) {
        List<String> present = new ArrayList<>();
        for (String nick : words(message.params())) {
            IRCUser other = user.server.registeredUser(nick);
            if (other != null) {
                present.add(other.nickOrStar());
            }
        }
        user.reply(Numerics.RPL_ISON, String.join(" ", present));
    }

    static void userhost(IRCUser user, IRCMessage message) {
        List<String> replies = new ArrayList<>();
        List<String> nicks = words(message.params());
        for (String nick : nicks.subList(0, Math.min(USERHOST_MAX, nicks.size()))) {
            IRCUser other = user.server.registeredUser(nick);
            if (other != null) {
                replies.add(other.nickOrStar() + (other.isOperator() ? "*" : "") + "="
                        + ((other.away != null) ? "-" : "+") + other.username + "@" + other.host);
            }
        }
        user.reply(Numerics.RPL_USERHOST, String.join(" ", replies));
    }

    private static List<String> words(List<String> params) {
        List<String> words = new ArrayList<>();
        for (String param : params) {
            for (String word : param.split(" ")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    static void away(IRCUser user, IRCMessage message) {
        String text = message.params().isEmpty() ? "" : message.params().get(0);
        IRCMessage notice;
        if (text.isEmpty()) {
            user.away = null;
            user.reply(Numerics.RPL_UNAWAY, "You are no longer marked as being away");
            notice = new IRCMessage(Map.of(), user.mask(), "AWAY", List.of());
        }
        else {
            user.away = IRCText.truncate(text, IRCUser.AWAY_LENGTH);
            user.reply(Numerics.RPL_NOWAWAY, "You have been marked as being away");
            notice = new IRCMessage(Map.of(), user.mask(), "AWAY", List.of(user.away));
        }
        for (IRCUser other : user.server.neighbours(user)) {
            if (other.caps.contains("away-notify")) {
                other.send(notice);
            }
        }
    }

    static void version(IRCUser user, IRCMessage message) {
        user.reply(Numerics.RPL_VERSION, IRCServer.VERSION, user.server.name(), "Twisted's words server for Java");
        Registration.isupport(user);
    }

    static void time(IRCUser user, IRCMessage message) {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli((long) (user.now() * 1000)));
        user.reply(Numerics.RPL_TIME, user.server.name(), now);
    }
}
