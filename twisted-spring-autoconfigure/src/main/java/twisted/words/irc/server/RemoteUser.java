package twisted.words.irc.server;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A user connected to another node of a cluster, as this node knows it from the bus: enough to
 * show it in {@code NAMES}, {@code WHO} and the lines its actions cause. Reactor thread only.
 */
final class RemoteUser {

    String nick;

    String folded;

    final String username;

    final String host;

    final String realname;

    /** The id of the node it is connected to. */
    final String node;

    /** The channels of this node's view it is in. */
    final Set<Channel> channels = new LinkedHashSet<>();

    RemoteUser(String nick, String folded, String username, String host, String realname, String node) {
        this.nick = nick;
        this.folded = folded;
        this.username = username;
        this.host = host;
        this.realname = realname;
        this.node = node;
    }

    /** {@code nick!user@host}. */
    String mask() {
        return this.nick + "!" + this.username + "@" + this.host;
    }
}
