package twisted.mail.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One maildir on disk: {@code tmp}, {@code new} and {@code cur} under its directory. Every method
 * blocks on the file system; callers run them off the reactor thread. Twisted:
 * {@code maildir.initializeMaildir}.
 */
record Maildir(Path directory) {

    Path tmp() {
        return this.directory.resolve("tmp");
    }

    Path newDirectory() {
        return this.directory.resolve("new");
    }

    Path cur() {
        return this.directory.resolve("cur");
    }

    /**
     * Creates the maildir's directories if they are missing, and makes their creation durable (the
     * parent directories are fsynced), so a message renamed into {@code new} after a crash is not
     * lost with a directory that was never written.
     */
    void initialize() throws IOException {
        Path parent = this.directory.getParent();
        boolean created = !Files.isDirectory(this.directory);
        Files.createDirectories(this.directory);
        for (Path sub : List.of(tmp(), newDirectory(), cur())) {
            if (!Files.isDirectory(sub)) {
                Files.createDirectories(sub);
                created = true;
            }
        }
        if (created) {
            fsyncDirectory(this.directory);
            if (parent != null) {
                fsyncDirectory(parent);
            }
        }
    }

    /** Whether the maildir is there (its {@code new} directory exists). */
    boolean exists() {
        return Files.isDirectory(newDirectory());
    }

    /**
     * The messages in {@code new} and {@code cur} now, in delivery order. A file another reader
     * removes while this lists is left out; dot files are skipped.
     */
    List<MaildirEntry> list() throws IOException {
        List<MaildirEntry> entries = new ArrayList<>();
        listInto(newDirectory(), entries);
        listInto(cur(), entries);
        MaildirNames.sortInDeliveryOrder(entries, MaildirEntry::uidl);
        return entries;
    }

    /** The file holding a message now: its path at listing time, or where a reader moved it in {@code cur}. */
    Path locate(MaildirEntry entry) throws IOException {
        if (Files.exists(entry.file())) {
            return entry.file();
        }
        try (DirectoryStream<Path> cur = Files.newDirectoryStream(cur())) {
            for (Path moved : cur) {
                if (MaildirNames.uniqueOf(moved.getFileName().toString()).equals(entry.uidl())) {
                    return moved;
                }
            }
        }
        catch (NoSuchFileException ex) {
            // no cur: the message is gone
        }
        throw new NoSuchFileException(entry.file().toString(), null, "message was removed");
    }

    private static void listInto(Path directory, List<MaildirEntry> entries) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    if (Files.isRegularFile(file)) {
                        entries.add(new MaildirEntry(file, MaildirNames.uniqueOf(name), Files.size(file)));
                    }
                }
                catch (NoSuchFileException ex) {
                    // removed by another reader between the listing and the stat
                }
            }
        }
        catch (NoSuchFileException | NotDirectoryException ex) {
            // not created yet: no messages
        }
    }

    /**
     * Removes the files in {@code tmp} last written before a time: what a crash left behind in the
     * middle of a delivery. The Maildir convention is 36 hours, far past any delivery in progress
     * (a delivery writes its file continuously and an SMTP client idle that long is long gone).
     *
     * @param before files last modified before this many seconds since the epoch are removed
     * @return how many were removed
     */
    int removeStaleTemporaryFiles(double before) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp())) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file)
                            && Files.getLastModifiedTime(file).toMillis() < (long) (before * 1000)) {
                        Files.delete(file);
                        removed++;
                    }
                }
                catch (NoSuchFileException ex) {
                    // removed by another sweep
                }
            }
        }
        catch (NoSuchFileException | NotDirectoryException ex) {
            // not created yet: nothing to remove
        }
        return removed;
    }

    /**
     * Makes a directory's entries durable: a rename into it, or a subdirectory created in it,
     * survives a crash once this returns. Opening a directory for reading and forcing it works on
     * Linux (it is fsync(2) on the directory's descriptor).
     */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * One message as listed.
     *
     * @param file where it was when listed
     * @param uidl its unique name, without the {@code :2,} info
     * @param size its size in bytes, CR LF line endings included
     */
    record MaildirEntry(Path file, String uidl, long size) {
    }
}
