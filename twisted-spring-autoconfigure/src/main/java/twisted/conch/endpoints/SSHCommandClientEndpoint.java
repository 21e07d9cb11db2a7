package twisted.conch.endpoints;

import java.util.Objects;

import twisted.conch.client.SSHClient;
import twisted.conch.client.SSHCommandTransport;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.endpoints.ClientEndpoint;

/**
 * A remote command as somewhere to connect to: each {@link #connect} makes an SSH connection,
 * logs in, runs the command, and connects the factory's protocol to it. The protocol's transport
 * is an {@link SSHCommandTransport}: {@code write} feeds the command's standard input,
 * {@code dataReceived} gets its standard output, {@code loseWriteConnection} sends end-of-file,
 * and {@code connectionLost} comes when the command has ended, with its exit status.
 *
 * <pre>{@code
 * ClientEndpoint endpoint = SSHCommandClientEndpoint.newConnection(client, "cat", "example.com", 22);
 * Endpoints.connectProtocol(endpoint, new MyProtocol());
 * }</pre>
 *
 * <p>Host keys, logins and deadlines are the {@link SSHClient}'s. Callbacks run on the
 * connection's reactor thread; cancelling the Deferred before it fires abandons the connection.
 *
 * <p>Twisted: {@code twisted.conch.endpoints.SSHCommandClientEndpoint}; its
 * {@code newConnection(reactor, command, username, hostname, port, keys, password, knownHosts)}
 * takes the reactor and credentials, which here come with the client's
 * {@link twisted.conch.client.SSHClientOptions}. {@code existingConnection} (several commands over
 * one connection) is not supported.
 *
 * @since 0.1.0
 */
public final class SSHCommandClientEndpoint implements ClientEndpoint {

    private final SSHClient client;

    private final String command;

    private final String hostname;

    private final int port;

    private SSHCommandClientEndpoint(SSHClient client, String command, String hostname, int port) {
        this.client = Objects.requireNonNull(client, "client");
        this.command = Objects.requireNonNull(command, "command");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be 1 to 65535");
        }
        this.port = port;
    }

    /**
     * An endpoint that makes a new SSH connection for each {@link #connect}.
     *
     * @param client logs in and checks host keys
     * @param command the command line, as the server's shell will read it
     * @param hostname the server's name or address, as {@code known_hosts} knows it
     * @param port its port (22 for the usual one)
     * @return the endpoint
     */
    public static SSHCommandClientEndpoint newConnection(SSHClient client, String command, String hostname, int port) {
        return new SSHCommandClientEndpoint(client, command, hostname, port);
    }

    /**
     * Connects: see {@link SSHClient#connectCommand}.
     *
     * @param factory builds the protocol once the server runs the command
     * @return a Deferred of the connected protocol, or of why it could not be
     */
    @Override
    public Deferred<Protocol> connect(Factory factory) {
        return this.client.connectCommand(this.hostname, this.port, this.command, factory);
    }

    /** Names the server and port, not the command (it may hold secrets). */
    @Override
    public String toString() {
        return "SSHCommandClientEndpoint[" + this.hostname + ":" + this.port + "]";
    }
}
