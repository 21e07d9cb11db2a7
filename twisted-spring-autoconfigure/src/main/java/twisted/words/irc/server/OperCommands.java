package twisted.words.irc.server;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.words.irc.IRCMessage;
import twisted.words.irc.Numerics;

/** {@code OPER} against the configured operators (the password is never logged) and {@code KILL}. */
final class OperCommands {

    private static final Logger log = LoggerFactory.getLogger(OperCommands.class);

    private OperCommands() {
    }

    static void oper(IRCUser user, IRCMessage message) {
        String name = message.params().get(0);
        Predicate<String> matcher = user.server.settings().operators().get(name);
        if (matcher == null) {
            user.reply(Numerics.ERR_NOOPERHOST, "No O-lines for your host");
            return;
        }
        if (!matcher.test(message.params().get(1))) {
            log.info("{}: failed OPER as '{}'", user.logPrefix(), name);
            user.reply(Numerics.ERR_PASSWDMISMATCH, "Password incorrect");
            return;
        }
        if (user.modes.add('o')) {
            user.server.operatorChanged(true);
            log.info("{}: is now an IRC operator as '{}'", user.logPrefix(), name);
            user.send(new IRCMessage(Map.of(), user.mask(), "MODE", List.of(user.nickOrStar(), "+o")));
        }
        user.reply(Numerics.RPL_YOUREOPER, "You are now an IRC operator");
    }

    static void kill(IRCUser user, IRCMessage message) {
        if (!user.isOperator()) {
            user.reply(Numerics.ERR_NOPRIVILEGES, "Permission Denied- You're not an IRC operator");
            return;
        }
        IRCUser victim = user.server.registeredUser(message.params().get(0));
        if (victim == null) {
            user.reply(Numerics.ERR_NOSUCHNICK, message.params().get(0), "No such nick/channel");
            return;
        }
        String reason = "Killed (" + user.nickOrStar() + " (" + message.params().get(1) + "))";
        log.info("{}: killed {}", user.logPrefix(), victim.logPrefix());
        victim.send(new IRCMessage(Map.of(), user.mask(), "KILL", List.of(victim.nickOrStar(), message.params().get(1))));
        victim.close(reason, reason, "killed");
    }
}
