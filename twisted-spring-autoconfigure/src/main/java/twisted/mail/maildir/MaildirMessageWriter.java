package twisted.mail.maildir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.mail.AbstractMessageWriter;
import twisted.mail.MessageReceipt;

/**
 * One delivery into a maildir. Lines are buffered on the reactor thread and handed, a chunk at a
 * time and in order, to the store's blocking executor, which writes them to {@code tmp/<name>};
 * {@link #eomReceived()} adds the last chunk, forces the file, renames it into {@code new} and
 * fsyncs {@code new} before its Deferred fires. Twisted: {@code maildir.MaildirMessage}.
 *
 * <p>At most one blocking task of a message runs at a time, each after the previous one finished,
 * so the file channel needs no lock. What waits in memory is bounded by the message size limit
 * the SMTP server enforces.
 */
final class MaildirMessageWriter extends AbstractMessageWriter {

    /** Lines are written once this many bytes are buffered: one system call per 64 KiB. */
    static final int CHUNK = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(MaildirMessageWriter.class);

    private static final byte[] CRLF = { '\r', '\n' };

    private final Maildir maildir;

    private final String mailbox;

    private final String name;

    private final Blocking blocking;

    private final Runnable delivered;

    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private long size;

    private Deferred<?> pending = Deferred.succeed(null);

    /** Used only by the blocking tasks, one after another. */
    private volatile @Nullable FileChannel channel;

    MaildirMessageWriter(Maildir maildir, String mailbox, String name, Blocking blocking) {
        this(maildir, mailbox, name, blocking, () -> { });
    }

    /**
     * @param delivered run on the reactor thread once the message is in {@code new}, before
     *        {@link #eomReceived()}'s Deferred fires: tells the store's IMAP sessions of the mailbox
     */
    MaildirMessageWriter(Maildir maildir, String mailbox, String name, Blocking blocking, Runnable delivered) {
        super(name);
        this.maildir = maildir;
        this.mailbox = mailbox;
        this.name = name;
        this.blocking = blocking;
        this.delivered = delivered;
    }

    @Override
    protected void addLine(byte[] line) {
        this.buffer.writeBytes(line);
        this.buffer.writeBytes(CRLF);
        this.size += line.length + CRLF.length;
        if (this.buffer.size() >= CHUNK) {
            byte[] chunk = takeBuffer();
            this.pending = this.pending.thenCompose(ignored -> this.blocking.run(() -> {
                write(chunk);
                return null;
            }));
        }
    }

    @Override
    protected Deferred<MessageReceipt> finish() {
        byte[] rest = takeBuffer();
        MessageReceipt receipt = new MessageReceipt(this.mailbox, this.name, this.size);
        Deferred<MessageReceipt> stored = this.pending.thenCompose(ignored -> this.blocking.run(() -> {
            write(rest);
            commit();
            return receipt;
        }));
        return stored.recoverWith(failure -> this.blocking.run(() -> {
            discard();
            return null;
        }).thenCompose(ignored -> Deferred.<MessageReceipt>fail(failure))).thenApply(done -> {
            try {
                this.delivered.run();
            }
            catch (RuntimeException ex) {
                log.error("Telling the sessions of {} about a delivery failed", this.mailbox, ex);
            }
            return done;
        });
    }

    /** Drops the message: the tmp file is closed and deleted off the reactor thread. */
    @Override
    protected void drop() {
        this.buffer = new ByteArrayOutputStream(0);
        this.pending = this.pending.recover(failure -> null).thenCompose(ignored -> this.blocking.run(() -> {
            discard();
            return null;
        }));
    }

    /** The Deferred of the last blocking task queued, for tests that wait for the writes. */
    Deferred<?> pending() {
        return this.pending;
    }

    private byte[] takeBuffer() {
        byte[] bytes = this.buffer.toByteArray();
        this.buffer = new ByteArrayOutputStream();
        return bytes;
    }

    private Path tmpFile() {
        return this.maildir.tmp().resolve(this.name);
    }

    private void write(byte[] bytes) throws IOException {
        FileChannel file = this.channel;
        if (file == null) {
            file = open();
            this.channel = file;
        }
        ByteBuffer data = ByteBuffer.wrap(bytes);
        while (data.hasRemaining()) {
            file.write(data);
        }
    }

    private FileChannel open() throws IOException {
        try {
            return FileChannel.open(tmpFile(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        catch (NoSuchFileException ex) {
            this.maildir.initialize();
            return FileChannel.open(tmpFile(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private void commit() throws IOException {
        FileChannel file = Objects.requireNonNull(this.channel, "channel");
        file.force(true);
        file.close();
        this.channel = null;
        Files.move(tmpFile(), this.maildir.newDirectory().resolve(this.name), StandardCopyOption.ATOMIC_MOVE);
        Maildir.fsyncDirectory(this.maildir.newDirectory());
    }

    private void discard() {
        FileChannel file = this.channel;
        this.channel = null;
        try {
            if (file != null) {
                file.close();
            }
            Files.deleteIfExists(tmpFile());
        }
        catch (IOException ex) {
            log.warn("Could not remove the unfinished message {}: {}", tmpFile(), ex.toString());
        }
    }
}
