package twisted.conch.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SignalListener;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommandStreamsAware;
import org.apache.sshd.server.command.Command;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.conch.SSHSession;
import twisted.conch.SSHSessionTransport;
import twisted.conch.WindowChangeListener;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;

/**
 * A Twisted protocol served over one SSH session channel, as MINA SSHD's {@link Command}: the
 * channel's data goes to the protocol, on the reactor thread, and the protocol's writes go out
 * one at a time through MINA's asynchronous channel stream, which waits for the client's window
 * (a {@link ChannelOutput}). What waits behind is bounded: past {@link #HIGH_WATER} queued bytes the transport says it is
 * not writable and pauses a registered producer, so a client that stops reading costs a fixed
 * amount. Input is flow-controlled the same way: while the protocol has paused its transport, the
 * data it is given is not released from the channel's window, so the client stops at the window.
 */
final class SessionChannel extends ChannelTransport implements Command, AsyncCommandStreamsAware, ChannelDataReceiver, SignalListener, SSHSessionTransport {

    /** Queued output past which the transport is not writable. */
    static final int HIGH_WATER = ChannelOutput.HIGH_WATER;

    private static final Logger log = LoggerFactory.getLogger(SessionChannel.class);

    private final Reactor reactor;

    private final SSHSession session;

    private @Nullable IoOutputStream out;

    private @Nullable IoOutputStream err;

    private @Nullable ExitCallback exitCallback;

    private @Nullable ChannelSession channel;

    private @Nullable Executor loop;

    private final Protocol protocol;

    /** Whether the protocol is connected: from the shell or exec request on. */
    private boolean started;

    private boolean closing;

    private boolean finished;

    private int exitStatus;

    private @Nullable String exitSignal;

    private String exitMessage = "";

    SessionChannel(Reactor reactor, SSHSession session, Address host, Protocol protocol) {
        super(session.getPeer(), host);
        this.reactor = reactor;
        this.session = session;
        this.protocol = protocol;
    }

    // ------------------------------------------------------------------ MINA's side

    @Override
    public void setIoOutputStream(IoOutputStream out) {
        this.out = out;
    }

    @Override
    public void setIoErrorStream(IoOutputStream err) {
        this.err = err;
    }

    @Override
    public void setIoInputStream(IoInputStream in) {
        // The channel's data comes through data(), as a ChannelDataReceiver set on start.
    }

    @Override
    public void setInputStream(InputStream in) {
        // The channel's data comes through data(), as a ChannelDataReceiver.
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    /** Called on the connection's reactor thread, while MINA handles the shell or exec request. */
    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        this.channel = channel;
        this.loop = this.reactor.currentThreadExecutor();
        ChannelOutput o = new ChannelOutput(this.loop, new ChannelOutput.Listener() {
            @Override
            public void drained() {
                sendExit();
            }

            @Override
            public void failed(Throwable failure) {
                log.debug("SSH session of {}: write failed: {}", SessionChannel.this.session.getUsername(),
                        failure.toString());
                abortConnection();
            }
        });
        o.streams(Objects.requireNonNull(this.out, "out"), this.err);
        setOutput(o);
        setInput(new ChannelInput(channel, this::abortConnection));
        channel.setDataReceiver(this);
        env.addSignalListener(this, Signal.WINCH);
        this.started = true;
        this.protocol.makeConnection(this);
    }

    /** Gives the bytes to the protocol; their window goes back through the {@link ChannelInput}. */
    @Override
    public int data(ChannelSession channel, byte[] buf, int start, int len) {
        ChannelInput in = input();
        if (!this.started || in == null || this.finished) {
            return len;
        }
        this.protocol.dataReceived(Arrays.copyOfRange(buf, start, start + len));
        in.consumed(len);
        return 0;
    }

    /** The client sent EOF: its standard input is finished. */
    @Override
    public void close() {
        runOnLoop(() -> {
            if (this.finished || !this.started) {
                return;
            }
            if (this.protocol instanceof HalfCloseableProtocol half) {
                half.readConnectionLost();
            }
            else {
                loseConnection();
            }
        });
    }

    @Override
    public void signal(org.apache.sshd.common.channel.Channel channel, Signal signal) {
        if (signal == Signal.WINCH && this.protocol instanceof WindowChangeListener listener) {
            ChannelSession c = (ChannelSession) channel;
            int columns = parse(c.getEnvironment().getEnv().get(Environment.ENV_COLUMNS));
            int rows = parse(c.getEnvironment().getEnv().get(Environment.ENV_LINES));
            runOnLoop(() -> listener.windowChanged(columns, rows));
        }
    }

    private static int parse(@Nullable String number) {
        try {
            return (number != null) ? Integer.parseInt(number) : 0;
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** The channel is closed (by either side, or with its connection). */
    @Override
    public void destroy(ChannelSession channel) {
        runOnLoop(() -> finish(this.closing ? new ConnectionDoneException()
                : new ConnectionLostException()));
    }

    private void runOnLoop(Runnable action) {
        Executor l = this.loop;
        if (l != null) {
            l.execute(action);
        }
    }

    private void finish(Exception reason) {
        if (this.finished) {
            return;
        }
        this.finished = true;
        ChannelOutput o = output();
        if (o != null) {
            o.stop();
        }
        if (this.started) {
            this.protocol.disconnected(new Failure(reason));
        }
    }

    // ------------------------------------------------------------------ the protocol's side

    @Override
    public SSHSession getSession() {
        return this.session;
    }

    @Override
    public void write(byte[] data) {
        enqueue(data, false);
    }

    @Override
    public void writeExtended(byte[] data) {
        enqueue(data, true);
    }

    private void enqueue(byte[] data, boolean stderr) {
        Objects.requireNonNull(data, "data");
        ChannelOutput o = output();
        if (o != null && !this.finished) {
            o.write(data, stderr);
        }
    }

    private void sendExit() {
        ChannelSession c = this.channel;
        ExitCallback callback = this.exitCallback;
        if (c == null || callback == null || this.finished) {
            return;
        }
        this.finished = true;
        String signal = this.exitSignal;
        if (signal != null) {
            try {
                Buffer request = c.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
                request.putUInt(c.getRecipient());
                request.putString("exit-signal");
                request.putBoolean(false);
                request.putString(signal);
                request.putBoolean(false);
                request.putString(this.exitMessage);
                request.putString("");
                c.writePacket(request);
                Buffer eof = c.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_EOF, 8);
                eof.putUInt(c.getRecipient());
                c.writePacket(eof);
            }
            catch (IOException ex) {
                log.debug("SSH session of {}: exit-signal not sent: {}", this.session.getUsername(), ex.toString());
            }
            c.close(false);
        }
        else {
            callback.onExit(this.exitStatus);
        }
        if (this.started) {
            this.protocol.disconnected(new Failure(new ConnectionDoneException()));
        }
    }

    @Override
    public void exit(int status) {
        this.exitStatus = status;
        loseConnection();
    }

    @Override
    public void exitSignal(String signal, String message) {
        this.exitSignal = Objects.requireNonNull(signal, "signal");
        this.exitMessage = Objects.requireNonNull(message, "message");
        loseConnection();
    }

    @Override
    public void loseConnection() {
        if (this.closing || this.finished) {
            return;
        }
        this.closing = true;
        ChannelOutput o = output();
        if (o != null) {
            o.close();
        }
    }

    @Override
    public void abortConnection() {
        ChannelSession c = this.channel;
        if (c != null) {
            c.close(true);
        }
        finish(new ConnectionLostException());
    }

    @Override
    public boolean isDisconnecting() {
        return this.closing;
    }

    @Override
    public String logPrefix() {
        return "SSH " + this.session.getUsername() + "@" + getPeer();
    }

    @Override
    public String toString() {
        return "SessionChannel[" + this.session + "]";
    }
}
