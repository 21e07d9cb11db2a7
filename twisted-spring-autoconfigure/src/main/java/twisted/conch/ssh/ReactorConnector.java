package twisted.conch.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.jspecify.annotations.Nullable;

import twisted.internet.Reactor;
import twisted.internet.endpoints.Endpoints;

/**
 * MINA SSHD's connector on the reactor: the TCP connection is the reactor's, so the client's
 * session runs on a reactor thread as a server's does.
 */
final class ReactorConnector extends ReactorIoService implements IoConnector {

    private final Reactor reactor;

    private final Duration timeout;

    ReactorConnector(Reactor reactor, IoHandler handler, Duration timeout) {
        super(handler);
        this.reactor = reactor;
        this.timeout = timeout;
    }

    @Override
    public IoConnectFuture connect(SocketAddress target, @Nullable AttributeRepository context,
            @Nullable SocketAddress localAddress) {
        DefaultIoConnectFuture future = new DefaultIoConnectFuture(target, null);
        if (!(target instanceof InetSocketAddress address)) {
            future.setException(new IllegalArgumentException("an SSH client connects to a host and port, not " + target));
            return future;
        }
        IoSessionProtocol protocol = new IoSessionProtocol(this.reactor, this, session -> {
            if (context != null) {
                session.setAttribute(AttributeRepository.class, context);
            }
        }, future::setSession);
        this.reactor.callFromThread(() -> Endpoints.connectProtocol(
                Endpoints.tcpClient(this.reactor, address.getHostString(), address.getPort(), this.timeout), protocol)
                .addErrback(failure -> {
                    future.setException(failure.value());
                    return null;
                }));
        return future;
    }
}
