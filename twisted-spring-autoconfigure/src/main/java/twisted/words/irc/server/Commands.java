package twisted.words.irc.server;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCMessage;

/**
 * The command table: each verb's handler, how many parameters it needs before it runs
 * ({@code 461} otherwise) and whether it needs a registered client ({@code 451} otherwise). An
 * unknown verb gets {@code 421}. An explicit table, not reflection (STYLE.md 3).
 */
final class Commands {

    /** One verb. */
    record Command(int minParams, boolean needsRegistration, BiConsumer<IRCUser, IRCMessage> handler) {
    }

    private static final Map<String, Command> TABLE = new HashMap<>();

    static {
        before("CAP", 1, Registration::cap);
        before("PASS", 1, Registration::pass);
        before("NICK", 0, Registration::nick);
        before("USER", 4, Registration::user);
        before("AUTHENTICATE", 1, Registration::authenticate);
        before("PING", 0, Queries::ping);
        before("PONG", 0, (user, message) -> { });
        before("QUIT", 0, Queries::quit);
        after("JOIN", 1, ChannelCommands::join);
        after("PART", 1, ChannelCommands::part);
        after("TOPIC", 1, ChannelCommands::topic);
        after("NAMES", 0, ChannelCommands::names);
        after("LIST", 0, ChannelCommands::list);
        after("KICK", 2, ChannelCommands::kick);
        after("INVITE", 2, ChannelCommands::invite);
        after("PRIVMSG", 0, Messaging::privmsg);
        after("NOTICE", 0, Messaging::notice);
        after("TAGMSG", 1, Messaging::tagmsg);
        after("MODE", 1, ModeCommand::mode);
        after("WHO", 0, Queries::who);
        after("WHOIS", 0, Queries::whois);
        after("ISON", 1, Queries::ison);
        after("USERHOST", 1, Queries::userhost);
        after("AWAY", 0, Queries::away);
        after("LUSERS", 0, (user, message) -> Registration.lusers(user));
        after("MOTD", 0, (user, message) -> Registration.motd(user));
        after("VERSION", 0, Queries::version);
        after("TIME", 0, Queries::time);
        after("OPER", 2, OperCommands::oper);
        after("KILL", 2, OperCommands::kill);
    }

    private Commands() {
    }

    private static void before(String verb, int minParams, BiConsumer<IRCUser, IRCMessage> handler) {
        TABLE.put(verb, new Command(minParams, false, handler));
    }

    private static void after(String verb, int minParams, BiConsumer<IRCUser, IRCMessage> handler) {
        TABLE.put(verb, new Command(minParams, true, handler));
    }

    static @Nullable Command get(String verb) {
        return TABLE.get(verb);
    }
}
