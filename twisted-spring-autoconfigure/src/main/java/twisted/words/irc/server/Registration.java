package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import twisted.defer.Deferred;
import twisted.words.irc.IRCMessage;
import twisted.words.irc.Numerics;

/**
 * Registration: {@code PASS}, {@code NICK}, {@code USER}, IRCv3 {@code CAP} negotiation and SASL
 * PLAIN ({@code AUTHENTICATE}), then the welcome burst: {@code 001}-{@code 005}, LUSERS and the
 * MOTD, in that order. Credentials pass through here on their way to the portal and are never
 * logged.
 */
final class Registration {

    /** SASL data comes in chunks of at most this many characters; a full chunk means more follow. */
    private static final int SASL_CHUNK = 400;

    /** The most SASL data one exchange may carry. */
    private static final int SASL_MAX = 4 * SASL_CHUNK;

    private static final int ISUPPORT_PER_LINE = 12;

    private Registration() {
    }

    static void pass(IRCUser user, IRCMessage message) {
        if (user.registered) {
            user.reply(Numerics.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        user.password = message.params().get(0);
    }

    static void nick(IRCUser user, IRCMessage message) {
        String wanted = message.params().isEmpty() ? "" : message.params().get(0);
        IRCServer server = user.server;
        if (wanted.isEmpty()) {
            user.reply(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
            return;
        }
        if (!Masks.isNick(wanted, server.settings().nickLength())) {
            user.reply(Numerics.ERR_ERRONEUSNICKNAME, wanted, "Erroneous nickname");
            return;
        }
        IRCUser holder = server.user(wanted);
        if (holder != null && holder != user) {
            user.reply(Numerics.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
            return;
        }
        if (wanted.equals(user.nick)) {
            return;
        }
        ClusterLink link = server.link();
        if (link == null || (user.nick != null && server.fold(user.nick).equals(server.fold(wanted)))) {
            rename(user, wanted);
            return;
        }
        IRCUser claimant = server.claiming(wanted);
        if (claimant != null && claimant != user) {
            user.reply(Numerics.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
            return;
        }
        server.claimStarted(user, wanted);
        Deferred<Boolean> claim = link.claimNick(user, wanted);
        claim.addBoth(result -> {
            server.claimEnded(user, wanted);
            if (Boolean.TRUE.equals(result) && user.isClosed()) {
                link.releaseNick(wanted);
            }
            return result;
        });
        user.awaitCluster(claim, (claimed, failure) -> {
            if (failure != null) {
                user.reply(Numerics.ERR_UNAVAILRESOURCE, wanted,
                        "Nick/channel is temporarily unavailable: the network cannot be reached, try again later");
            }
            else if (!Boolean.TRUE.equals(claimed)) {
                user.reply(Numerics.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
            }
            else if (server.user(wanted) != null && server.user(wanted) != user) {
                user.reply(Numerics.ERR_NICKNAMEINUSE, wanted, "Nickname is already in use");
            }
            else {
                String old = user.nick;
                rename(user, wanted);
                if (old != null && !user.registered) {
                    link.releaseNick(old);
                }
            }
        });
    }

    /** Gives the user the nick (checked free), telling it and its neighbours, and the other nodes. */
    private static void rename(IRCUser user, String wanted) {
        IRCServer server = user.server;
        String old = user.nick;
        if (user.registered) {
            IRCMessage change = new IRCMessage(java.util.Map.of(), user.mask(), "NICK", List.of(wanted));
            user.send(change);
            for (IRCUser other : server.neighbours(user)) {
                other.send(change);
            }
            server.renamed(user, old, wanted);
            user.nick = wanted;
            ClusterLink link = server.link();
            if (link != null && old != null) {
                link.nickChanged(user, old, change);
            }
            return;
        }
        server.renamed(user, old, wanted);
        user.nick = wanted;
        tryRegister(user);
    }

    static void user(IRCUser user, IRCMessage message) {
        if (user.registered) {
            user.reply(Numerics.ERR_ALREADYREGISTERED, "You may not reregister");
            return;
        }
        StringBuilder name = new StringBuilder("~");
        for (char c : message.params().get(0).toCharArray()) {
            if (name.length() < IRCUser.USER_LENGTH && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                    && c < 128) {
                name.append(c);
            }
        }
        if (name.length() == 1) {
            name.append("user");
        }
        user.username = name.toString();
        user.realname = message.params().get(3);
        tryRegister(user);
    }

    // ------------------------------------------------------------------ CAP

    static void cap(IRCUser user, IRCMessage message) {
        String sub = message.params().get(0).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "LS" -> {
                if (!user.registered) {
                    user.capHold = true;
                }
                boolean v302 = message.params().size() > 1 && parseVersion(message.params().get(1)) >= 302;
                user.sendFromServer("CAP", user.nickOrStar(), "LS", String.join(" ", available(user, v302)));
            }
            case "LIST" -> user.sendFromServer("CAP", user.nickOrStar(), "LIST", String.join(" ", user.caps));
            case "REQ" -> {
                if (!user.registered) {
                    user.capHold = true;
                }
                String requested = (message.params().size() > 1) ? message.params().get(1) : "";
                capRequest(user, requested);
            }
            case "END" -> {
                if (!user.registered) {
                    user.capHold = false;
                    if (user.sasl != null) {
                        user.sasl = null;
                        user.reply(Numerics.ERR_SASLABORTED, "SASL authentication aborted");
                    }
                    tryRegister(user);
                }
            }
            default -> user.reply(Numerics.ERR_INVALIDCAPCMD, message.params().get(0), "Invalid CAP command");
        }
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static List<String> available(IRCUser user, boolean v302) {
        List<String> caps = new ArrayList<>(IRCUser.CAPABILITIES);
        if (user.server.saslAvailable()) {
            caps.add(v302 ? "sasl=PLAIN" : "sasl");
        }
        return caps;
    }

    private static void capRequest(IRCUser user, String requested) {
        Set<String> known = new LinkedHashSet<>(IRCUser.CAPABILITIES);
        if (user.server.saslAvailable()) {
            known.add("sasl");
        }
        List<String> names = new ArrayList<>();
        for (String word : requested.trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            String name = word.startsWith("-") ? word.substring(1) : word;
            if (!known.contains(name)) {
                user.sendFromServer("CAP", user.nickOrStar(), "NAK", requested);
                return;
            }
            names.add(word);
        }
        user.sendFromServer("CAP", user.nickOrStar(), "ACK", requested);
        for (String word : names) {
            if (word.startsWith("-")) {
                user.caps.remove(word.substring(1));
            }
            else {
                user.caps.add(word);
            }
        }
    }

    // ------------------------------------------------------------------ SASL

    static void authenticate(IRCUser user, IRCMessage message) {
        if (!user.server.saslAvailable()) {
            user.reply(Numerics.ERR_UNKNOWNCOMMAND, "AUTHENTICATE", "Unknown command");
            return;
        }
        if (user.account != null) {
            user.reply(Numerics.ERR_SASLALREADY, "You have already authenticated using SASL");
            return;
        }
        if (!user.caps.contains("sasl") || user.loginPending) {
            user.reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
            return;
        }
        String data = message.params().get(0);
        if (user.sasl == null) {
            if (data.equals("*")) {
                user.reply(Numerics.ERR_SASLABORTED, "SASL authentication aborted");
            }
            else if (data.equalsIgnoreCase("PLAIN")) {
                user.sasl = new StringBuilder();
                user.send(IRCMessage.of("AUTHENTICATE", "+"));
            }
            else {
                user.reply(Numerics.RPL_SASLMECHS, "PLAIN", "are available SASL mechanisms");
                user.reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
            }
            return;
        }
        if (data.equals("*")) {
            user.sasl = null;
            user.reply(Numerics.ERR_SASLABORTED, "SASL authentication aborted");
            return;
        }
        if (data.length() > SASL_CHUNK || user.sasl.length() + data.length() > SASL_MAX) {
            user.sasl = null;
            user.reply(Numerics.ERR_SASLTOOLONG, "SASL message too long");
            return;
        }
        if (!data.equals("+")) {
            user.sasl.append(data);
        }
        if (data.length() == SASL_CHUNK) {
            return;
        }
        String payload = user.sasl.toString();
        user.sasl = null;
        saslPlain(user, payload);
    }

    private static void saslPlain(IRCUser user, String payload) {
        String[] parts;
        try {
            parts = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).split("\0", -1);
        }
        catch (IllegalArgumentException ex) {
            parts = new String[0];
        }
        if (parts.length != 3 || parts[1].isEmpty() || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
            user.reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
            return;
        }
        user.loginStarted();
        user.server.login(user.getTransport().getPeer(), parts[1], parts[2]).addCallbacks(account -> {
            if (!user.isClosed()) {
                loggedIn(user, account);
                user.reply(Numerics.RPL_SASLSUCCESS, "SASL authentication successful");
            }
            user.loginDone();
            return null;
        }, failure -> {
            if (!user.isClosed()) {
                user.reply(Numerics.ERR_SASLFAIL, "SASL authentication failed");
            }
            user.loginDone();
            return null;
        });
    }

    private static void loggedIn(IRCUser user, String account) {
        user.account = account;
        user.reply(Numerics.RPL_LOGGEDIN, user.mask(), account, "You are now logged in as " + account);
    }

    // ------------------------------------------------------------------ completing registration

    /** Completes registration once NICK and USER are in, CAP negotiation is over and no login is pending. */
    static void tryRegister(IRCUser user) {
        if (user.registered || user.nick == null || user.username == null || user.capHold || user.loginPending
                || user.isClosed()) {
            return;
        }
        IRCServerSettings settings = user.server.settings();
        String password = user.password;
        user.password = null;
        if (settings.serverPassword() != null) {
            if (password == null || !settings.serverPassword().test(password)) {
                user.reply(Numerics.ERR_PASSWDMISMATCH, "Password incorrect");
                user.close("Bad password", "Bad password", "bad-password");
                return;
            }
        }
        else if (password != null && user.account == null && user.server.saslAvailable()) {
            passLogin(user, password);
            return;
        }
        if (settings.requireLogin() && user.account == null) {
            user.reply(Numerics.ERR_PASSWDMISMATCH, "Login required: use SASL PLAIN or PASS account:password");
            user.close("Login required", "Login required", "login-required");
            return;
        }
        welcome(user);
    }

    /** {@code PASS account:password}, or {@code PASS password} for the account named as the nick. */
    private static void passLogin(IRCUser user, String password) {
        int colon = password.indexOf(':');
        String account = (colon > 0) ? password.substring(0, colon) : user.nickOrStar();
        String secret = (colon > 0) ? password.substring(colon + 1) : password;
        user.loginStarted();
        user.server.login(user.getTransport().getPeer(), account, secret).addCallbacks(name -> {
            user.loginPending = false;
            if (!user.isClosed()) {
                loggedIn(user, name);
                tryRegister(user);
            }
            user.loginDone();
            return null;
        }, failure -> {
            user.loginPending = false;
            if (!user.isClosed()) {
                user.reply(Numerics.ERR_PASSWDMISMATCH, "Password incorrect");
                user.close("Bad password", "Bad password", "bad-password");
            }
            user.loginDone();
            return null;
        });
    }

    private static void welcome(IRCUser user) {
        IRCServer server = user.server;
        user.markRegistered();
        if (server.link() != null) {
            server.link().refreshNick(user);
        }
        user.reply(Numerics.RPL_WELCOME,
                "Welcome to the " + server.settings().networkName() + " IRC Network " + user.mask());
        user.reply(Numerics.RPL_YOURHOST, "Your host is " + server.name() + ", running version " + IRCServer.VERSION);
        user.reply(Numerics.RPL_CREATED, "This server was created " + server.createdText());
        user.reply(Numerics.RPL_MYINFO, server.name(), IRCServer.VERSION, "iow", "biklmnostv", "bklov");
        isupport(user);
        lusers(user);
        motd(user);
    }

    static void isupport(IRCUser user) {
        List<String> tokens = user.server.isupport();
        for (int i = 0; i < tokens.size(); i += ISUPPORT_PER_LINE) {
            List<String> line = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + ISUPPORT_PER_LINE)));
            line.add("are supported by this server");
            user.reply(Numerics.RPL_ISUPPORT, line.toArray(String[]::new));
        }
    }

    static void lusers(IRCUser user) {
        IRCServer server = user.server;
        int visible = 0;
        int invisible = 0;
        for (IRCUser other : server.registeredUsers()) {
            if (other.modes.contains('i')) {
                invisible++;
            }
            else {
                visible++;
            }
        }
        IRCServer.Statistics stats = server.statistics();
        user.reply(Numerics.RPL_LUSERCLIENT,
                "There are " + visible + " users and " + invisible + " invisible on 1 servers");
        user.reply(Numerics.RPL_LUSEROP, Integer.toString(stats.operators()), "operator(s) online");
        user.reply(Numerics.RPL_LUSERUNKNOWN, Integer.toString(stats.unregistered()), "unknown connection(s)");
        user.reply(Numerics.RPL_LUSERCHANNELS, Integer.toString(stats.channels()), "channels formed");
        user.reply(Numerics.RPL_LUSERME, "I have " + (visible + invisible) + " clients and 0 servers");
    }

    static void motd(IRCUser user) {
        List<String> motd = user.server.settings().motd();
        if (motd.isEmpty()) {
            user.reply(Numerics.ERR_NOMOTD, "MOTD File is missing");
            return;
        }
        user.reply(Numerics.RPL_MOTDSTART, "- " + user.server.name() + " Message of the day - ");
        for (String line : motd) {
            user.reply(Numerics.RPL_MOTD, "- " + line);
        }
        user.reply(Numerics.RPL_ENDOFMOTD, "End of /MOTD command.");
    }
}
