package twisted.conch.ssh;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.jspecify.annotations.Nullable;

import twisted.conch.Terminal;

/**
 * MINA's session channel with our rules: environment variables only by the service's allow-list,
 * and a record of whether the client asked for a terminal. Forwarding of agents and X11 is refused.
 */
final class ConchChannelSession extends ChannelSession {

    private final SSHSettings settings;

    private boolean terminal;

    private ConchChannelSession(SSHSettings settings) {
        this.settings = settings;
    }

    /** The factory of {@code session} channels, the only channel type the server opens. */
    static ChannelFactory factory(SSHSettings settings) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return "session";
            }

            @Override
            public Channel createChannel(Session session) {
                return new ConchChannelSession(settings);
            }
        };
    }

    @Override
    protected RequestHandler.Result handleEnvParsed(String name, String value) throws IOException {
        if (!this.settings.allowsEnvironment(name)) {
            return RequestHandler.Result.ReplyFailure;
        }
        return super.handleEnvParsed(name, value);
    }

    @Override
    protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
            Map<PtyMode, Integer> modes) throws IOException {
        this.terminal = true;
        return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
    }

    @Override
    protected RequestHandler.Result handleAgentForwardingParsed(String requestType) {
        return RequestHandler.Result.ReplyFailure;
    }

    @Override
    protected RequestHandler.Result handleX11ForwardingParsed(String requestType,
            org.apache.sshd.server.session.ServerSession session, boolean singleConnection, String authProtocol,
            String authCookie, int screen) {
        return RequestHandler.Result.ReplyFailure;
    }

    /** The terminal the client asked for, or {@code null}. */
    @Nullable Terminal terminal() {
        if (!this.terminal) {
            return null;
        }
        Map<String, String> env = getEnvironment().getEnv();
        Map<String, Integer> modes = new LinkedHashMap<>();
        getEnvironment().getPtyModes().forEach((mode, value) -> modes.put(mode.name(), value));
        return new Terminal(env.getOrDefault(Environment.ENV_TERM, "dumb"), number(env.get(Environment.ENV_COLUMNS)),
                number(env.get(Environment.ENV_LINES)), modes);
    }

    /** The environment the client set, as allowed, without what MINA itself put there. */
    Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        getEnvironment().getEnv().forEach((name, value) -> {
            if (this.settings.allowsEnvironment(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    private static int number(@Nullable String value) {
        try {
            return (value != null) ? Math.max(0, Integer.parseInt(value)) : 0;
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }
}
