package twisted.bench.mail;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.netty.NettyReactor;
import twisted.mail.maildir.MaildirStore;
import twisted.mail.smtp.LocalDelivery;
import twisted.mail.smtp.SMTPFactory;
import twisted.mail.smtp.SMTPSettings;

/**
 * Our SMTP server for the SMTP load benchmark, as {@code benchmarks/run-smtp-load.sh twisted}
 * starts it, built the way the {@code smtp} service ({@code twisted.mail.tap.SMTPServiceMaker})
 * builds it: an {@link SMTPFactory} on a {@link NettyReactor} (one event loop, the default thread
 * pool of 10 for the file work), {@link LocalDelivery} for the domain {@code bench.test} into a
 * {@link MaildirStore}, with the mailbox {@code bench} created up front (so the messages land in
 * {@code <root>/bench/new}), no AUTH, no TLS, on 127.0.0.1. The settings are
 * {@link SMTPSettings#defaults()} with the host name {@code bench.local}: none of them limits a
 * load of many messages on few connections (there is no per-connection message count and no
 * connection count limit), so nothing is raised. Prints {@code listening on <port>}, then serves
 * until killed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.mail.SmtpServer MAILDIR_ROOT [port [pool threads]]
 * </pre>
 */
public final class SmtpServer {

    private SmtpServer() {
    }

    /**
     * Starts the server.
     *
     * @param args the maildir root; the port, 0 (a free one) unless given; the reactor's thread
     *        pool size, {@link NettyReactor.Builder#DEFAULT_THREAD_POOL_SIZE} unless given
     * @throws Exception if it cannot listen
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SmtpServer MAILDIR_ROOT [port [pool threads]]");
        }
        Path root = Path.of(args[0]);
        int wanted = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
        int pool = (args.length > 2) ? Integer.parseInt(args[2]) : NettyReactor.Builder.DEFAULT_THREAD_POOL_SIZE;
        NettyReactor reactor = NettyReactor.builder().name("smtp-bench").threadPoolSize(pool).build();
        MaildirStore store = new MaildirStore(root, reactor);
        store.createMailbox("bench");
        SMTPFactory factory = new SMTPFactory(SMTPSettings.defaults().withHostname("bench.local"), reactor,
                new LocalDelivery(store, Set.of("bench.test"), "bench.local", reactor), null, null, null);
        factory.setNoisy(false);
        ListeningPort port = reactor.listenTCP(wanted, factory, 4096, "127.0.0.1");
        reactor.start().get(10, TimeUnit.SECONDS);
        System.out.println("listening on " + ((IPAddress) port.getHost()).port() + " ("
                + reactor.getStatistics().transport() + ", pool " + pool + ", maildir "
                + root.toAbsolutePath().resolve("bench") + ")");
        new CountDownLatch(1).await();
    }
}
