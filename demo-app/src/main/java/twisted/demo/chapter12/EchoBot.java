package twisted.demo.chapter12;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.time.ReactorTime;
import twisted.words.irc.IRCClient;

/**
 * The book's IRC bot ({@code irc_echo_bot.py} and the logging bot of chapter 12) in one: it joins
 * its channel once signed on, logs every line said there, and echoes what is said to it, in
 * private or in the channel when addressed by name.
 *
 * <pre>
 * &lt;alice&gt; hello everyone           (logged: [#twisted] &lt;alice&gt; hello everyone)
 * &lt;alice&gt; echobot: are you there?
 * &lt;echobot&gt; alice: are you there?
 * /msg echobot ping                  (echobot answers in private: ping)
 * </pre>
 */
public class EchoBot extends IRCClient {

    private static final Logger log = LoggerFactory.getLogger(EchoBot.class);

    private final String channel;

    /**
     * Creates the bot.
     *
     * @param clock the reactor
     * @param nickname the bot's nick
     * @param channel the channel to join and log
     */
    public EchoBot(ReactorTime clock, String nickname, String channel) {
        super(clock);
        setNickname(nickname);
        setRealname("Twisted Network Programming Essentials, chapter 12");
        this.channel = channel;
    }

    @Override
    public void signedOn() {
        log.info("Signed on as {}; joining {}", getNickname(), this.channel);
        join(this.channel);
    }

    @Override
    public void joined(String channel) {
        log.info("Joined {}", channel);
    }

    @Override
    public void privmsg(String user, String channel, String message) {
        String nick = nickOf(user);
        if (sameNick(channel, getNickname())) {
            msg(nick, message);
            return;
        }
        log.info("[{}] <{}> {}", channel, nick, message);
        String addressed = getNickname() + ":";
        if (message.startsWith(addressed)) {
            say(channel, nick + ":" + message.substring(addressed.length()));
        }
    }

    @Override
    public void action(String user, String channel, String data) {
        log.info("[{}] * {} {}", channel, nickOf(user), data);
    }
}
