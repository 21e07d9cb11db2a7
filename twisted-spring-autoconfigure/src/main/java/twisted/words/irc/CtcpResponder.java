package twisted.words.irc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.words.irc.IRCClient.CtcpQueryHandler;

/**
 * {@link IRCClient}'s table of CTCP query handlers and the built-in answers: {@code ACTION} (to
 * {@link IRCClient#action}), {@code CLIENTINFO}, {@code PING}, {@code SOURCE}, {@code TIME},
 * {@code USERINFO} and {@code VERSION}; a query without a handler goes to
 * {@link IRCClient#ctcpUnknownQuery}. Twisted: the {@code ctcpQuery_<TAG>} methods.
 */
final class CtcpResponder {

    private final IRCClient client;

    private final HandlerTable<CtcpQueryHandler> handlers = new HandlerTable<>();

    private @Nullable String userinfo;

    private @Nullable String versionName;

    private @Nullable String versionNum;

    private @Nullable String versionEnv;

    private @Nullable String sourceURL;

    /**
     * @param client sends the replies and receives {@code ACTION} and unknown queries
     */
    CtcpResponder(IRCClient client) {
        this.client = client;
        this.handlers.set("ACTION", (user, channel, data) -> client.action(user, channel, Objects.requireNonNullElse(data, "")));
        this.handlers.set("CLIENTINFO", this::clientinfo);
        this.handlers.set("PING", (user, channel, data) -> reply(user, "PING", data));
        this.handlers.set("SOURCE", (user, channel, data) -> replyIfSet(user, "SOURCE", this.sourceURL));
        this.handlers.set("TIME", (user, channel, data) -> reply(user, "TIME",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(client.now().atZone(ZoneOffset.UTC))));
        this.handlers.set("USERINFO", (user, channel, data) -> replyIfSet(user, "USERINFO", this.userinfo));
        this.handlers.set("VERSION", (user, channel, data) -> replyIfSet(user, "VERSION", version()));
    }

    void setUserinfo(@Nullable String userinfo) {
        this.userinfo = userinfo;
    }

    void setVersion(@Nullable String name, @Nullable String num, @Nullable String env) {
        this.versionName = name;
        this.versionNum = num;
        this.versionEnv = env;
    }

    void setSourceURL(@Nullable String sourceURL) {
        this.sourceURL = sourceURL;
    }

    /** Sets (or with {@code null} removes) the handler of a tag. */
    void setHandler(String tag, @Nullable CtcpQueryHandler handler) {
        this.handlers.set(tag, handler);
    }

    /** Hands each query to its handler, or to {@link IRCClient#ctcpUnknownQuery}. */
    void query(String user, String channel, List<CTCP.Message> messages) {
        for (CTCP.Message message : messages) {
            CtcpQueryHandler handler = this.handlers.get(message.tag());
            if (handler != null) {
                handler.query(user, channel, message.data());
            }
            else {
                this.client.ctcpUnknownQuery(user, channel, message.tag(), message.data());
            }
        }
    }

    private void clientinfo(String user, String channel, @Nullable String data) {
        if (data == null || data.isBlank()) {
            reply(user, "CLIENTINFO", String.join(" ", this.handlers.names()));
            return;
        }
        String tag = data.trim().split(" ")[0].toUpperCase(Locale.ROOT);
        if (this.handlers.contains(tag)) {
            reply(user, "CLIENTINFO", tag);
        }
        else {
            reply(user, "ERRMSG", "CLIENTINFO " + data + " :Unknown query '" + tag + "'");
        }
    }

    /** {@code name:num:env}, or {@code null} with no name: VERSION is then not answered, as in Twisted. */
    private @Nullable String version() {
        if (this.versionName == null) {
            return null;
        }
        return this.versionName + ":" + Objects.requireNonNullElse(this.versionNum, "") + ":"
                + Objects.requireNonNullElse(this.versionEnv, "");
    }

    private void replyIfSet(String user, String tag, @Nullable String data) {
        if (data != null) {
            reply(user, tag, data);
        }
    }

    private void reply(String user, String tag, @Nullable String data) {
        this.client.ctcpMakeReply(IRCClient.nickOf(user), List.of(new CTCP.Message(tag, data)));
    }
}
