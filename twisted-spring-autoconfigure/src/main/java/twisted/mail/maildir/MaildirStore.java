package twisted.mail.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.time.ReactorTime;
import twisted.mail.FolderHierarchy;
import twisted.mail.FolderStore;
import twisted.mail.MailAccount;
import twisted.mail.MailStore;
import twisted.mail.MailboxLockedException;
import twisted.mail.MessageWriter;

/**
 * A {@link MailStore} keeping each mailbox as a maildir under one root directory:
 * {@code root/<mailbox>/{tmp,new,cur}}. Twisted: {@code twisted.mail.maildir}
 * ({@code MaildirDirdbmDomain}, {@code initializeMaildir}).
 *
 * <pre>{@code
 * MaildirStore store = new MaildirStore(Path.of("/var/mail/twisted"), reactor);
 * store.createMailbox("alice");
 * MessageWriter writer = store.newMessage("alice");   // on the reactor thread
 * writer.lineReceived("Subject: hi".getBytes(US_ASCII));
 * writer.eomReceived().addCallback(receipt -> ...);  // fires once it is on disk for good
 * }</pre>
 *
 * <p><b>Mailbox names.</b> A mailbox name is case-insensitive: it is folded to lower case and must
 * then be 1 to 64 characters of {@code a-z 0-9 . _ + -}, starting with a letter or a digit. That
 * name is the directory's name. Any other name is refused ({@link IllegalArgumentException}, or
 * {@code false} from {@link #exists}), so no name can be {@code .} or {@code ..}, a hidden file,
 * hold a separator, or reach outside the root.
 *
 * <p><b>Delivery.</b> A message is written to {@code tmp/<unique>} (CR LF line endings: the file
 * holds the message as SMTP carried it, so POP3 sends it unchanged and its size is the file's size),
 * forced to disk, renamed atomically into {@code new/<unique>}, and {@code new} is fsynced; only
 * then does {@link MessageWriter#eomReceived()} fire. Nothing appears in {@code new} before it is
 * complete, so readers never see part of a message. The file work runs on the reactor's thread
 * pool ({@link Reactor#deferToThread}); the reactor thread only buffers lines. Unique names follow
 * the Maildir specification: {@code seconds.M<microseconds>P<pid>Q<counter>.<host>}. Mailboxes are
 * created on demand by the first delivery, or by {@link #createMailbox}.
 *
 * <p><b>Reading.</b> {@link #openMailbox} lists {@code new} and {@code cur} as they are at open
 * time, in delivery order (the time and counter in the names). Messages are not moved from
 * {@code new} to {@code cur}; a message another reader moved is still found. Opening also removes
 * what crashed deliveries left in {@code tmp} (files untouched for 36 hours, the Maildir
 * convention), at most once every 8 hours per mailbox. One session per
 * mailbox at a time: the lock is held in this process only (a map shared by every store in the
 * JVM), no file lock is taken, so two processes must not serve the same root.
 *
 * <p><b>Folders (IMAP).</b> As a {@link FolderStore}, a user's maildir is INBOX and the other
 * folders sit beside it in Dovecot's Maildir++ layout: {@code root/<user>/.Sent/{tmp,new,cur}},
 * names in modified UTF-7, UIDs in each folder's {@code dovecot-uidlist}, keywords in its
 * {@code dovecot-keywords}, flags in the file names ({@code <unique>:2,<letters>}), subscriptions in
 * {@code root/<user>/subscriptions}, so Dovecot serving the same root shows the same folders, UIDs
 * and flags. The sessions on one folder share one in-memory state in this store; each change is
 * told to the others' {@link twisted.mail.FolderListener}s, and so are SMTP deliveries through
 * {@link #newMessage} and POP3 deletions through {@link #openMailbox}, for the IMAP sessions that
 * have INBOX selected. A change another program makes is read at the next select.
 *
 * <pre>{@code
 * store.openAccount("alice")
 *      .thenCompose(account -> account.select("INBOX", false, listener))
 *      .addCallback(session -> ...);       // session.messages(): UIDs, flags, dates, sizes
 * }</pre>
 *
 * <p>Thread safety: {@link #exists}, {@link #newMessage} and {@link #openMailbox} may be called from
 * any thread but are meant for the reactor thread; the writers and mailboxes they return are used
 * on the reactor thread only. {@link #openAccount} and everything it gives are for the reactor
 * thread only, and the reactor must have one event loop (the default): the folder state is not
 * shared across loops.
 *
 * @since 0.1.0
 */
public final class MaildirStore implements MailStore, FolderStore {

    private static final Logger log = LoggerFactory.getLogger(MaildirStore.class);

    /** Files in {@code tmp} older than this are what a crash left: the Maildir convention, 36 hours. */
    static final double STALE_SECONDS = 36 * 3600;

    /** A mailbox's {@code tmp} is swept at most this often, when a session opens it. */
    static final double SWEEP_INTERVAL_SECONDS = 8 * 3600;

    /** Open sessions by mailbox directory, across every store in this process. */
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    private final Blocking blocking;

    private final MaildirNames names;

    private final ReactorTime time;

    /** When each mailbox's {@code tmp} was last swept, in the reactor's seconds. */
    private final ConcurrentHashMap<String, Double> swept = new ConcurrentHashMap<>();

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** The shared state of each folder in use, by directory; reactor thread only. */
    private final Map<Path, MaildirFolder> folders = new HashMap<>();

    /** Subscription changes, one at a time. */
    private final SerialQueue subscriptionChanges = new SerialQueue(() -> { });

    private final AtomicLong lastUidValidity = new AtomicLong();

    /**
     * Creates a store. Reads the host name once (for the unique names); creates nothing yet.
     *
     * @param root the directory holding one maildir per mailbox; created on the first delivery
     * @param reactor runs the file work on its thread pool and gives the time for unique names
     */
    public MaildirStore(Path root, Reactor reactor) {
        this(root, Objects.requireNonNull(reactor, "reactor"), reactor::deferToThread, localHostName());
    }

    MaildirStore(Path root, ReactorTime time, Blocking blocking, String hostname) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.blocking = blocking;
        this.names = new MaildirNames(time, ProcessHandle.current().pid(), hostname);
        this.time = time;
    }

    /**
     * The root directory.
     *
     * @return the absolute root
     */
    public Path root() {
        return this.root;
    }

    /**
     * Whether the mailbox's maildir exists. The first check of a name looks at the disk (one
     * {@code stat}); a mailbox found once is remembered.
     *
     * @param mailbox the mailbox's name
     * @return {@code false} for a name this store refuses, or a mailbox not created yet
     */
    @Override
    public boolean exists(String mailbox) {
        String directory = MaildirNames.directoryOf(Objects.requireNonNull(mailbox, "mailbox"));
        if (directory == null) {
            return false;
        }
        if (this.known.contains(directory)) {
            return true;
        }
        boolean found = maildir(directory).exists();
        if (found) {
            this.known.add(directory);
        }
        return found;
    }

    /**
     * Creates a mailbox's maildir if it is missing, durably. Blocks on the file system: call it at
     * start-up or off the reactor thread. Twisted: {@code initializeMaildir}.
     *
     * @param mailbox the mailbox's name
     * @throws IllegalArgumentException if the name is refused
     * @throws IOException if the directories cannot be created
     */
    public void createMailbox(String mailbox) throws IOException {
        String directory = requireDirectory(mailbox);
        maildir(directory).initialize();
        this.known.add(directory);
    }

    /**
     * Starts a delivery; the mailbox's maildir is created by the first write if it is missing.
     *
     * @param mailbox the mailbox's name
     * @return the writer, used on the reactor thread
     * @throws IllegalArgumentException if the name is refused
     */
    @Override
    public MessageWriter newMessage(String mailbox) {
        String directory = requireDirectory(mailbox);
        Maildir maildir = maildir(directory);
        return new MaildirMessageWriter(maildir, directory, this.names.next(), this.blocking,
                () -> changed(maildir.directory()));
    }

    /**
     * Opens a mailbox for one POP3 session: takes the lock, then lists the maildir off the reactor
     * thread. A mailbox that does not exist opens empty. The lock is released by
     * {@link twisted.mail.Mailbox#sync()} or by {@link OpenMailbox#release()}, whichever comes
     * first; both may be called more than once.
     *
     * @param mailbox the mailbox's name
     * @return fires with the mailbox; fails with {@link MailboxLockedException} while another
     *         session has it, with {@link IllegalArgumentException} for a refused name, or with the
     *         error that stopped the listing (the lock is then released)
     */
    @Override
    public Deferred<OpenMailbox> openMailbox(String mailbox) {
        String directory;
        try {
            directory = requireDirectory(mailbox);
        }
        catch (IllegalArgumentException ex) {
            return Deferred.fail(ex);
        }
        Maildir maildir = maildir(directory);
        Object session = new Object();
        if (LOCKS.putIfAbsent(maildir.directory(), session) != null) {
            return Deferred.fail(new MailboxLockedException(directory));
        }
        Runnable release = () -> LOCKS.remove(maildir.directory(), session);
        double sweepBefore = sweepDue(directory);
        return this.blocking.run(() -> {
            if (!Double.isNaN(sweepBefore)) {
                sweep(maildir, directory, sweepBefore);
            }
            return maildir.list();
        })
                .thenApply(entries -> new OpenMailbox(new MaildirMailbox(maildir, entries, this.blocking, release,
                        () -> changed(maildir.directory())),
                        release))
                .recoverWith(failure -> {
                    release.run();
                    return Deferred.fail(failure);
                });
    }

    /**
     * Opens a user's folders for one IMAP session, creating the user's maildir (INBOX) if it is
     * missing. The user's name follows the mailbox rules above; INBOX is the mailbox SMTP delivers
     * to and POP3 reads.
     *
     * @param user the user
     * @return fires with the account; fails with {@link IllegalArgumentException} for a refused name
     */
    @Override
    public Deferred<MailAccount> openAccount(String user) {
        String directory;
        try {
            directory = requireDirectory(user);
        }
        catch (IllegalArgumentException ex) {
            return Deferred.fail(ex);
        }
        Maildir maildir = maildir(directory);
        return this.blocking.run(() -> {
            maildir.initialize();
            return null;
        }).thenApply(ignored -> {
            this.known.add(directory);
            return new MaildirAccount(this, maildir.directory());
        });
    }

    Blocking blocking() {
        return this.blocking;
    }

    /** A new folder's UID validity: the time in seconds, always above the last one given. Any thread. */
    long newUidValidity() {
        long now = Math.max(1, (long) this.time.seconds());
        return this.lastUidValidity.updateAndGet(last -> Math.max(now, last + 1));
    }

    String uniqueName() {
        return this.names.next();
    }

    Instant now() {
        return Instant.ofEpochMilli(Math.round(this.time.seconds() * 1000));
    }

    /** The shared state of a folder directory, held for the caller, who releases it. Reactor thread. */
    MaildirFolder folder(Path directory, boolean inbox) {
        MaildirFolder folder = this.folders.computeIfAbsent(directory,
                d -> new MaildirFolder(new FolderFiles(new Maildir(d), inbox), this.blocking, this.names,
                        this::newUidValidity, unused -> this.folders.remove(d, unused)));
        folder.acquire();
        return folder;
    }

    /** Whether a folder directory is in use (selected, or an operation on it running). */
    boolean inUse(Path directory) {
        return this.folders.containsKey(directory);
    }

    /** Whether a folder of a user whose name matches is in use. */
    boolean inUse(Path home, Predicate<String> names) {
        for (Path directory : this.folders.keySet()) {
            if (home.equals(directory.getParent())) {
                String name = FolderNames.nameOf(directory.getFileName().toString());
                if (name != null && names.test(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    Subscriptions subscriptions(Path home) {
        return new Subscriptions(home, this.blocking, this.subscriptionChanges);
    }

    /**
     * A mailbox changed outside IMAP (an SMTP delivery, a POP3 deletion): if IMAP sessions have
     * it selected, it is read again and they are told. Reactor thread.
     */
    private void changed(Path directory) {
        MaildirFolder folder = this.folders.get(directory);
        if (folder != null) {
            folder.sync().addErrback(failure -> {
                log.warn("Could not read {} again after a change: {}", directory, failure.getErrorMessage());
                return null;
            });
        }
    }

    /**
     * Whether the mailbox's {@code tmp} is due a sweep (not swept in the last 8 hours), and if so
     * the time before which its files are stale (36 hours ago); {@code NaN} when not due.
     */
    private double sweepDue(String directory) {
        double now = this.time.seconds();
        Double last = this.swept.get(directory);
        if (last != null && now - last < SWEEP_INTERVAL_SECONDS) {
            return Double.NaN;
        }
        boolean mine = (last == null) ? this.swept.putIfAbsent(directory, now) == null
                : this.swept.replace(directory, last, now);
        return mine ? now - STALE_SECONDS : Double.NaN;
    }

    /**
     * Removes what crashes left in a mailbox's {@code tmp}; runs off the reactor thread, before the
     * listing of the session that found it due (a reader's opening sweeps, as Dovecot's mailbox
     * syncs do). A failure is logged and does not stop the opening.
     */
    private static void sweep(Maildir maildir, String directory, double before) {
        try {
            int removed = maildir.removeStaleTemporaryFiles(before);
            if (removed > 0) {
                log.info("Removed {} stale file(s) from {}/tmp, left by interrupted deliveries", removed, directory);
            }
        }
        catch (IOException ex) {
            log.warn("Could not sweep {}/tmp: {}", directory, ex.toString());
        }
    }

    private Maildir maildir(String directory) {
        return new Maildir(this.root.resolve(directory));
    }

    private static String requireDirectory(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        String directory = MaildirNames.directoryOf(mailbox);
        if (directory == null) {
            throw new IllegalArgumentException("mailbox name '" + FolderHierarchy.printable(mailbox)
                    + "' refused: 1 to 64 of a-z 0-9 . _ + -, starting with a letter or digit");
        }
        return directory;
    }

    private static String localHostName() {
        try {
            String proc = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!proc.isEmpty()) {
                return proc;
            }
        }
        catch (IOException | RuntimeException ex) {
            // not Linux: ask Java
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException ex) {
            return "localhost";
        }
    }
}
