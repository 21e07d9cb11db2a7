package twisted.conch.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.common.io.IoWriteFuture;

/**
 * MINA SSHD's exec channel whose output goes straight to a {@link CommandTransport}, on the
 * connection's reactor thread where MINA decodes it, instead of into MINA's streams; the transport
 * releases the channel's window as its protocol takes the bytes. Its input is MINA's asynchronous
 * stream ({@code getAsyncIn}), which waits for the server's window.
 */
final class CommandChannel extends ChannelExec {

    private final CommandTransport transport;

    CommandChannel(String command, CommandTransport transport) {
        super(command, StandardCharsets.UTF_8, null, Map.of());
        this.transport = transport;
        setStreaming(Streaming.Async);
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        if (!isClosing()) {
            this.transport.received(Arrays.copyOfRange(data, off, off + (int) len), false);
        }
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        if (!isClosing()) {
            this.transport.received(Arrays.copyOfRange(data, off, off + (int) len), true);
        }
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        this.transport.eofReceived();
    }

    /** The server runs the command (the exec request wants a reply). */
    @Override
    public void handleSuccess() throws IOException {
        super.handleSuccess();
        this.transport.accepted();
    }

    /**
     * The server refused the exec request: close, as MINA does, but without its warning, which
     * names the command (a command line may hold a secret).
     */
    @Override
    public void handleFailure() throws IOException {
        removePendingRequest("exec");
        this.transport.refused();
        close(true);
    }

    /** Sends end-of-file on the command's standard input. */
    IoWriteFuture eof() throws IOException {
        return sendEof();
    }
}
