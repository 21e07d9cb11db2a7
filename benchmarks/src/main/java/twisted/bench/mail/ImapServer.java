package twisted.bench.mail;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.netty.NettyReactor;
import twisted.mail.imap.IMAPFactory;
import twisted.mail.imap.IMAPSettings;
import twisted.mail.maildir.MaildirStore;
import twisted.testing.InMemoryCredentialsChecker;

/**
 * Our IMAP server for the IMAP benchmark, as {@code benchmarks/run-imap-load.sh twisted} starts
 * it: an {@link IMAPFactory} over a {@link MaildirStore} on the directory given (one maildir per
 * user, {@code <root>/<user>}), on a {@link NettyReactor} with one event loop and the default
 * thread pool for the file work, on 127.0.0.1, plain-text LOGIN allowed without TLS
 * ({@link IMAPSettings#withAllowLoginWithoutTls}), every other setting the default. The users
 * {@code fetch} and {@code search} have the password {@code bench}. Prints
 * {@code listening on <port>}, then serves until killed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.mail.ImapServer MAILDIR_ROOT [port [pool threads]]
 * </pre>
 */
public final class ImapServer {

    private ImapServer() {
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
            throw new IllegalArgumentException("usage: ImapServer MAILDIR_ROOT [port [pool threads]]");
        }
        Path root = Path.of(args[0]);
        int wanted = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
        int pool = (args.length > 2) ? Integer.parseInt(args[2]) : NettyReactor.Builder.DEFAULT_THREAD_POOL_SIZE;
        NettyReactor reactor = NettyReactor.builder().name("imap-bench").threadPoolSize(pool).build();
        MaildirStore store = new MaildirStore(root, reactor);
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> {
        }, Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("fetch", "bench").addUser("search", "bench"));
        IMAPFactory factory = new IMAPFactory(store, portal, reactor)
                .settings(IMAPSettings.defaults().withAllowLoginWithoutTls(true));
        factory.setNoisy(false);
        ListeningPort port = reactor.listenTCP(wanted, factory, 128, "127.0.0.1");
        reactor.start().get(10, TimeUnit.SECONDS);
        System.out.println("listening on " + ((IPAddress) port.getHost()).port() + " ("
                + reactor.getStatistics().transport() + ", pool " + pool + ", maildirs under "
                + root.toAbsolutePath() + ")");
        new CountDownLatch(1).await();
    }
}
