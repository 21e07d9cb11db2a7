package twisted.words.irc.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;

/**
 * One channel's state: members and their status, topic, modes, bans and invitations. Touched only
 * on the reactor thread, except the few volatile fields {@link IRCServer#statistics()} reads.
 * Twisted: {@code words.service.Group}.
 */
final class Channel {

    /** A member's status in the channel: operator ({@code @}) and voice ({@code +}). */
    static final class Membership {

        boolean op;

        boolean voice;

        String prefixes(boolean all) {
            if (all) {
                return (this.op ? "@" : "") + (this.voice ? "+" : "");
            }
            return this.op ? "@" : this.voice ? "+" : "";
        }
    }

    /** A ban: the mask, who set it and when. */
    record Ban(String mask, String setBy, long setAt) {
    }

    final String name;

    final String folded;

    final boolean permanent;

    final long createdAt;

    final Map<IRCUser, Membership> members = new LinkedHashMap<>();

    /** Members connected to other nodes of a cluster, by folded nick; empty without a cluster. */
    final Map<String, RemoteMember> remote = new LinkedHashMap<>();

    final Set<Character> flags = new TreeSet<>();

    final List<Ban> bans = new ArrayList<>();

    /** Folded nicks invited since they last joined. */
    final Set<String> invited = new HashSet<>();

    @Nullable String key;

    int limit;

    volatile @Nullable String topic;

    @Nullable String topicSetBy;

    long topicSetAt;

    volatile int memberCount;

    Channel(String name, String folded, boolean permanent, long createdAt) {
        this.name = name;
        this.folded = folded;
        this.permanent = permanent;
        this.createdAt = createdAt;
    }

    boolean has(char flag) {
        return this.flags.contains(flag);
    }

    boolean isSecret() {
        return has('s');
    }

    @Nullable Membership membership(IRCUser user) {
        return this.members.get(user);
    }

    boolean isOp(IRCUser user) {
        Membership m = this.members.get(user);
        return m != null && m.op;
    }

    boolean isVoiced(IRCUser user) {
        Membership m = this.members.get(user);
        return m != null && (m.voice || m.op);
    }

    /** A member on another node: the user as this node knows it, and its status here. */
    record RemoteMember(RemoteUser user, Membership membership) {
    }

    void add(IRCUser user, boolean op) {
        Membership m = new Membership();
        m.op = op;
        this.members.put(user, m);
        this.memberCount = size();
    }

    void remove(IRCUser user) {
        this.members.remove(user);
        this.memberCount = size();
    }

    void addRemote(RemoteUser user, Membership membership) {
        this.remote.put(user.folded, new RemoteMember(user, membership));
        user.channels.add(this);
        this.memberCount = size();
    }

    @Nullable RemoteMember removeRemote(String folded) {
        RemoteMember gone = this.remote.remove(folded);
        if (gone != null) {
            gone.user().channels.remove(this);
        }
        this.memberCount = size();
        return gone;
    }

    /** Members here and on other nodes. */
    int size() {
        return this.members.size() + this.remote.size();
    }

    boolean isEmpty() {
        return this.members.isEmpty() && this.remote.isEmpty();
    }

    boolean isBanned(IRCUser user, IRCServer server) {
        for (Ban ban : this.bans) {
            if (Masks.matches(ban.mask(), user.mask(), server.caseMapping())) {
                return true;
            }
        }
        return false;
    }

    /** The modes as {@code 324} shows them, with the key only for members. */
    List<String> modeReply(boolean showKey) {
        StringBuilder modes = new StringBuilder("+");
        List<String> params = new ArrayList<>();
        this.flags.forEach(modes::append);
        if (this.key != null) {
            modes.append('k');
            params.add(showKey ? this.key : "*");
        }
        if (this.limit > 0) {
            modes.append('l');
            params.add(Integer.toString(this.limit));
        }
        List<String> all = new ArrayList<>();
        all.add(modes.toString());
        all.addAll(params);
        return all;
    }

    /** Sends the message to every member, skipping {@code except} (may be null). */
    void send(IRCMessage message, @Nullable IRCUser except) {
        for (IRCUser member : List.copyOf(this.members.keySet())) {
            if (member != except) {
                member.send(message);
            }
        }
    }
}
