package twisted.conch.ssh;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;

import twisted.internet.Reactor;

/**
 * MINA SSHD's acceptor, with no socket of its own: the reactor listens (on the service's
 * endpoint, with its limits and statistics) and hands each connection over through
 * {@link #newProtocol()}. {@code bind} therefore binds nothing.
 */
final class HandoverAcceptor extends ReactorIoService implements IoAcceptor {

    private final Reactor reactor;

    HandoverAcceptor(Reactor reactor, IoHandler handler) {
        super(handler);
        this.reactor = reactor;
    }

    /** The protocol for one accepted connection. */
    IoSessionProtocol newProtocol() {
        return new IoSessionProtocol(this.reactor, this, session -> {
        }, session -> {
        });
    }

    @Override
    public void bind(Collection<? extends SocketAddress> addresses) {
    }

    @Override
    public void bind(SocketAddress address) {
    }

    @Override
    public void unbind(Collection<? extends SocketAddress> addresses) {
    }

    @Override
    public void unbind(SocketAddress address) {
    }

    @Override
    public void unbind() {
    }

    @Override
    public Set<SocketAddress> getBoundAddresses() {
        return Set.of();
    }
}
