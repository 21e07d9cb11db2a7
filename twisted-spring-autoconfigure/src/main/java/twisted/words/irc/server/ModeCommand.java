package twisted.words.irc.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;
import twisted.words.irc.Numerics;

/**
 * {@code MODE}: user modes {@code i}, {@code o} (only removable; {@code OPER} sets it) and
 * {@code w}; channel modes {@code o}, {@code v}, {@code k}, {@code l}, {@code b} and the flags
 * {@code i}, {@code m}, {@code n}, {@code s}, {@code t}. At most {@link #MAX_PARAM_MODES} modes with
 * a parameter per command ({@code MODES}); the changes applied go to every member as one
 * {@code MODE} line.
 */
final class ModeCommand {

    /** How many modes taking a parameter one {@code MODE} command may change, {@code MODES}. */
    static final int MAX_PARAM_MODES = 4;

    private ModeCommand() {
    }

    static void mode(IRCUser user, IRCMessage message) {
        String target = message.params().get(0);
        if (!target.isEmpty() && Masks.isChannelType(target.charAt(0))) {
            channelMode(user, message);
        }
        else {
            userMode(user, message);
        }
    }

    private static void userMode(IRCUser user, IRCMessage message) {
        String name = message.params().get(0);
        IRCUser target = user.server.registeredUser(name);
        if (target == null) {
            user.reply(Numerics.ERR_NOSUCHNICK, name, "No such nick/channel");
            return;
        }
        if (target != user) {
            user.reply(Numerics.ERR_USERSDONTMATCH, "Can't change mode for other users");
            return;
        }
        if (message.params().size() == 1) {
            user.reply(Numerics.RPL_UMODEIS, userModes(user));
            return;
        }
        Changes changes = new Changes();
        boolean unknown = false;
        char sign = '+';
        for (char c : message.params().get(1).toCharArray()) {
            if (c == '+' || c == '-') {
                sign = c;
            }
            else if (c == 'i' || c == 'w') {
                boolean changed = (sign == '+') ? user.modes.add(c) : user.modes.remove(c);
                if (changed) {
                    changes.add(sign, c, null);
                }
            }
            else if (c == 'o') {
                if (sign == '-' && user.modes.remove('o')) {
                    user.server.operatorChanged(false);
                    changes.add(sign, c, null);
                }
            }
            else {
                unknown = true;
            }
        }
        if (unknown) {
            user.reply(Numerics.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
        if (!changes.isEmpty()) {
            user.send(new IRCMessage(Map.of(), user.mask(), "MODE", List.of(user.nickOrStar(), changes.modes())));
        }
    }

    static String userModes(IRCUser user) {
        StringBuilder modes = new StringBuilder("+");
        user.modes.forEach(modes::append);
        return modes.toString();
    }

    private static void channelMode(IRCUser user, IRCMessage message) {
        List<String> params = message.params();
        Channel channel = user.server.channel(params.get(0));
        if (channel == null) {
            user.reply(Numerics.ERR_NOSUCHCHANNEL, params.get(0), "No such channel");
            return;
        }
        if (params.size() == 1) {
            List<String> reply = new ArrayList<>();
            reply.add(channel.name);
            reply.addAll(channel.modeReply(channel.members.containsKey(user)));
            user.reply(Numerics.RPL_CHANNELMODEIS, reply.toArray(String[]::new));
            user.reply(Numerics.RPL_CREATIONTIME, channel.name, Long.toString(channel.createdAt));
            return;
        }
        new ChannelModeChange(user, channel, params).apply();
    }

    /** The changes applied so far, as {@code +ov-k} and their parameters. */
    static final class Changes {

        private final StringBuilder modes = new StringBuilder();

        private final List<String> args = new ArrayList<>();

        private char lastSign;

        void add(char sign, char mode, @Nullable String arg) {
            if (sign != this.lastSign) {
                this.modes.append(sign);
                this.lastSign = sign;
            }
            this.modes.append(mode);
            if (arg != null) {
                this.args.add(arg);
            }
        }

        boolean isEmpty() {
            return this.modes.length() == 0;
        }

        String modes() {
            return this.modes.toString();
        }

        List<String> params(String target) {
            List<String> all = new ArrayList<>();
            all.add(target);
            all.add(modes());
            all.addAll(this.args);
            return all;
        }
    }

    /** One channel {@code MODE} command with changes, applied left to right. */
    private static final class ChannelModeChange {

        private final IRCUser user;

        private final Channel channel;

        private final List<String> params;

        private final boolean op;

        private final Changes changes = new Changes();

        private int next = 2;

        private int paramModes;

        private boolean denied;

        private boolean listed;

        /** Local members whose {@code o} or {@code v} changed, for their cluster entries. */
        private final Set<IRCUser> statusChanged = new LinkedHashSet<>();

        ChannelModeChange(IRCUser user, Channel channel, List<String> params) {
            this.user = user;
            this.channel = channel;
            this.params = params;
            this.op = channel.isOp(user);
        }

        void apply() {
            char sign = '+';
            for (char c : this.params.get(1).toCharArray()) {
                switch (c) {
                    case '+', '-' -> sign = c;
                    case 'b' -> ban(sign);
                    case 'o', 'v' -> status(sign, c);
                    case 'k' -> key(sign);
                    case 'l' -> limit(sign);
                    case 'i', 'm', 'n', 's', 't' -> flag(sign, c);
                    default -> this.user.reply(Numerics.ERR_UNKNOWNMODE, String.valueOf(c),
                            "is unknown mode char to me");
                }
            }
            if (!this.changes.isEmpty()) {
                IRCMessage line = new IRCMessage(Map.of(), this.user.mask(), "MODE",
                        this.changes.params(this.channel.name));
                this.channel.send(line, null);
                ClusterLink link = this.user.server.link();
                if (link != null) {
                    link.toChannel(this.channel, line);
                    for (IRCUser changed : this.statusChanged) {
                        link.statusChanged(changed, this.channel);
                    }
                }
            }
        }

        private @Nullable String nextArg() {
            return (this.next < this.params.size()) ? this.params.get(this.next++) : null;
        }

        /** Takes the next parameter, or {@code null} when none is left or too many were taken already. */
        private @Nullable String paramArg() {
            String arg = nextArg();
            if (arg == null || this.paramModes++ >= MAX_PARAM_MODES) {
                return null;
            }
            return arg;
        }

        private boolean allowed() {
            if (this.op) {
                return true;
            }
            if (!this.denied) {
                this.denied = true;
                this.user.reply(Numerics.ERR_CHANOPRIVSNEEDED, this.channel.name, "You're not channel operator");
            }
            return false;
        }

        private void ban(char sign) {
            if (this.next >= this.params.size()) {
                listBans();
                return;
            }
            String arg = paramArg();
            if (arg == null || !allowed()) {
                return;
            }
            IRCServer server = this.user.server;
            String mask = Masks.normalizeBan(arg);
            Channel.Ban existing = null;
            for (Channel.Ban ban : this.channel.bans) {
                if (server.fold(ban.mask()).equals(server.fold(mask))) {
                    existing = ban;
                }
            }
            if (sign == '+' && existing == null) {
                if (this.channel.bans.size() >= server.settings().maxListEntries()) {
                    this.user.reply(Numerics.ERR_BANLISTFULL, this.channel.name, mask, "Channel ban list is full");
                    return;
                }
                this.channel.bans.add(new Channel.Ban(mask, this.user.mask(), (long) this.user.now()));
                this.changes.add(sign, 'b', mask);
            }
            else if (sign == '-' && existing != null) {
                this.channel.bans.remove(existing);
                this.changes.add(sign, 'b', existing.mask());
            }
        }

        private void listBans() {
            if (this.listed) {
                return;
            }
            this.listed = true;
            for (Channel.Ban ban : this.channel.bans) {
                this.user.reply(Numerics.RPL_BANLIST, this.channel.name, ban.mask(), ban.setBy(),
                        Long.toString(ban.setAt()));
            }
            this.user.reply(Numerics.RPL_ENDOFBANLIST, this.channel.name, "End of channel ban list");
        }

        private void status(char sign, char mode) {
            String arg = paramArg();
            if (arg == null || !allowed()) {
                return;
            }
            IRCUser target = this.user.server.registeredUser(arg);
            Channel.RemoteMember remote = (target == null) ? this.channel.remote.get(this.user.server.fold(arg)) : null;
            if (target == null && remote == null) {
                this.user.reply(Numerics.ERR_NOSUCHNICK, arg, "No such nick/channel");
                return;
            }
            Channel.Membership membership = (target != null) ? this.channel.membership(target) : remote.membership();
            String targetNick = (target != null) ? target.nickOrStar() : remote.user().nick;
            if (membership == null) {
                this.user.reply(Numerics.ERR_USERNOTINCHANNEL, targetNick, this.channel.name,
                        "They aren't on that channel");
                return;
            }
            if (target != null) {
                this.statusChanged.add(target);
            }
            boolean set = sign == '+';
            boolean current = (mode == 'o') ? membership.op : membership.voice;
            if (current != set) {
                if (mode == 'o') {
                    membership.op = set;
                }
                else {
                    membership.voice = set;
                }
                this.changes.add(sign, mode, targetNick);
            }
        }

        private void key(char sign) {
            if (sign == '+') {
                String arg = paramArg();
                if (arg == null || !allowed() || arg.isEmpty() || arg.indexOf(',') >= 0) {
                    return;
                }
                this.channel.key = arg;
                this.changes.add(sign, 'k', arg);
                return;
            }
            nextArg();
            if (allowed() && this.channel.key != null) {
                this.channel.key = null;
                this.changes.add(sign, 'k', "*");
            }
        }

        private void limit(char sign) {
            if (sign == '+') {
                String arg = paramArg();
                if (arg == null || !allowed()) {
                    return;
                }
                int limit;
                try {
                    limit = Integer.parseInt(arg);
                }
                catch (NumberFormatException ex) {
                    return;
                }
                if (limit > 0 && limit != this.channel.limit) {
                    this.channel.limit = limit;
                    this.changes.add(sign, 'l', Integer.toString(limit));
                }
                return;
            }
            if (allowed() && this.channel.limit > 0) {
                this.channel.limit = 0;
                this.changes.add(sign, 'l', null);
            }
        }

        private void flag(char sign, char mode) {
            if (!allowed()) {
                return;
            }
            boolean changed = (sign == '+') ? this.channel.flags.add(mode) : this.channel.flags.remove(mode);
            if (changed) {
                this.changes.add(sign, mode, null);
            }
        }
    }
}
