package twisted.mail.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;
import twisted.mail.MessageInfo;

/**
 * The blocking file work of one folder: scanning {@code new} and {@code cur} against the uidlist,
 * finding a message whose file was renamed, renaming for flags. Every method blocks; callers run
 * them off the reactor thread, one at a time per folder.
 */
final class FolderFiles {

    /** The empty file Dovecot puts in each folder's directory (the Maildir++ convention). */
    static final String MARKER = "maildirfolder";

    private final Maildir maildir;

    private final boolean inbox;

    /**
     * @param maildir the folder's maildir
     * @param inbox whether it is a user's INBOX, which a scan creates when it is missing (other
     *        folders exist only when created)
     */
    FolderFiles(Maildir maildir, boolean inbox) {
        this.maildir = maildir;
        this.inbox = inbox;
    }

    boolean isInbox() {
        return this.inbox;
    }

    Path directory() {
        return this.maildir.directory();
    }

    /**
     * One message on disk.
     *
     * @param uid its UID
     * @param unique its unique name
     * @param file where it is
     * @param letters its Maildir flag letters
     * @param flags its IMAP flags, {@code \Recent} never among them
     * @param internalDate its file's modification time
     * @param size its file's size
     */
    record Stored(long uid, String unique, Path file, String letters, Set<String> flags, Instant internalDate,
            long size) {

        Stored {
            flags = Set.copyOf(flags);
        }

        MessageInfo info(boolean recent) {
            if (!recent) {
                return new MessageInfo(this.uid, this.flags, this.internalDate, this.size);
            }
            Set<String> withRecent = new HashSet<>(this.flags);
            withRecent.add(MessageInfo.RECENT);
            return new MessageInfo(this.uid, withRecent, this.internalDate, this.size);
        }

        Stored moved(Path to, String letters, Set<String> flags) {
            return new Stored(this.uid, this.unique, to, letters, flags, this.internalDate, this.size);
        }
    }

    /**
     * What a scan found.
     *
     * @param uidList the uidlist as now on disk
     * @param keywords the keyword table
     * @param messages the messages, ascending UIDs
     * @param fromNew the UIDs of the messages found in {@code new}
     */
    record Scan(UidList uidList, List<String> keywords, List<Stored> messages, Set<Long> fromNew) {
    }

    /**
     * Reads the folder: the uidlist (a missing or unreadable one is started anew, with a new UID
     * validity, unless {@code known} is given), the keywords, and every message in {@code new}
     * and {@code cur}. Messages without a UID get the next ones, in delivery order; UIDs of
     * messages gone are dropped; the uidlist is rewritten if anything changed. With
     * {@code claim}, the messages in {@code new} are moved to {@code cur} (a read-write session is
     * taking their {@code \Recent}).
     *
     * @throws FolderException ({@code NONEXISTENT}) when a folder other than INBOX is gone
     */
    Scan scan(boolean claim, @Nullable UidList known, LongSupplier newUidValidity)
            throws IOException, FolderException {
        if (this.inbox) {
            this.maildir.initialize();
        }
        else if (!Files.isDirectory(directory())) {
            throw new FolderException(FolderException.Reason.NONEXISTENT, "the folder was deleted");
        }
        UidList onDisk = UidList.read(directory());
        UidList list = onDisk != null ? onDisk : known != null ? known
                : new UidList(newUidValidity.getAsLong(), 1, newGuid(), List.of());
        List<String> keywords = KeywordTable.read(directory());
        Map<String, UidList.Entry> byName = new HashMap<>();
        for (UidList.Entry entry : list.entries()) {
            byName.put(entry.unique(), entry);
        }
        List<Found> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        listInto(this.maildir.newDirectory(), true, found, seen);
        listInto(this.maildir.cur(), false, found, seen);
        MaildirNames.sortInDeliveryOrder(found, file -> file.unique);
        long next = list.nextUid();
        List<UidList.Entry> entries = new ArrayList<>();
        List<Stored> messages = new ArrayList<>();
        Set<Long> fromNew = new HashSet<>();
        for (Found file : found) {
            UidList.Entry entry = byName.get(file.unique);
            if (entry == null) {
                entry = new UidList.Entry(next++, "", file.unique);
            }
            Path path = file.path;
            if (file.inNew) {
                fromNew.add(entry.uid());
                if (claim) {
                    Path to = this.maildir.cur().resolve(MaildirFlags.fileName(file.unique, file.letters));
                    try {
                        Files.move(path, to, StandardCopyOption.ATOMIC_MOVE);
                        path = to;
                    }
                    catch (NoSuchFileException ex) {
                        continue; // removed meanwhile (a POP3 session's deletion)
                    }
                }
            }
            entries.add(entry);
            messages.add(new Stored(entry.uid(), file.unique, path, file.letters,
                    MaildirFlags.flagsOf(file.letters, keywords), file.modified, file.size));
        }
        entries.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        UidList now = new UidList(list.uidValidity(), next, list.guid(), entries);
        if (!now.equals(onDisk)) {
            now.write(directory());
        }
        if (claim && !fromNew.isEmpty()) {
            Maildir.fsyncDirectory(this.maildir.cur());
        }
        return new Scan(now, keywords, messages, fromNew);
    }

    /**
     * Where a message's file is now: where it was last seen, or wherever a rename by another
     * reader (flags, a move from {@code new} to {@code cur}) put it.
     *
     * @throws NoSuchFileException once it is gone
     */
    Path locate(Path last, String unique) throws IOException {
        if (Files.exists(last)) {
            return last;
        }
        for (Path directory : List.of(this.maildir.cur(), this.maildir.newDirectory())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    if (MaildirNames.uniqueOf(file.getFileName().toString()).equals(unique)) {
                        return file;
                    }
                }
            }
            catch (NoSuchFileException | NotDirectoryException ex) {
                // no such directory: look in the next
            }
        }
        throw new NoSuchFileException(last.toString(), null, "message was removed");
    }

    /**
     * Renames a message's file for new flag letters, into {@code cur}.
     *
     * @return its new path, or {@code null} if it is gone
     */
    @Nullable Path rename(Path last, String unique, String letters) throws IOException {
        Path to = this.maildir.cur().resolve(MaildirFlags.fileName(unique, letters));
        try {
            Path from = locate(last, unique);
            if (!from.equals(to)) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
            return to;
        }
        catch (NoSuchFileException ex) {
            return null;
        }
    }

    /** Deletes a message's file; one already gone counts as deleted. */
    void delete(Path last, String unique) throws IOException {
        try {
            Files.delete(locate(last, unique));
        }
        catch (NoSuchFileException ex) {
            // already gone
        }
    }

    /**
     * Puts a complete file from {@code tmp} (or another folder) into {@code cur} under a unique
     * name with flag letters, with an internal date (the file's modification time).
     */
    Stored store(Path source, boolean link, long uid, String unique, String letters, Set<String> flags,
            @Nullable Instant internalDate) throws IOException {
        Path to = this.maildir.cur().resolve(MaildirFlags.fileName(unique, letters));
        if (link) {
            Path staged = this.maildir.tmp().resolve(unique);
            try {
                Files.createLink(staged, source);
            }
            catch (IOException | UnsupportedOperationException ex) {
                Files.copy(source, staged, StandardCopyOption.COPY_ATTRIBUTES);
                forceFile(staged);
            }
            source = staged;
        }
        if (internalDate != null) {
            Files.setLastModifiedTime(source, FileTime.from(internalDate));
        }
        Files.move(source, to, StandardCopyOption.ATOMIC_MOVE);
        BasicFileAttributes attributes = Files.readAttributes(to, BasicFileAttributes.class);
        return new Stored(uid, unique, to, letters, flags, attributes.lastModifiedTime().toInstant(),
                attributes.size());
    }

    /**
     * Creates a new folder: its directory (failing with
     * {@link java.nio.file.FileAlreadyExistsException} if it exists), {@code tmp}, {@code new},
     * {@code cur}, Dovecot's {@code maildirfolder} marker, its keywords and an empty uidlist, all
     * made durable.
     */
    void createFolder(long uidValidity, List<String> keywords) throws IOException {
        Path directory = directory();
        Files.createDirectory(directory);
        for (Path sub : List.of(this.maildir.tmp(), this.maildir.newDirectory(), this.maildir.cur())) {
            Files.createDirectory(sub);
        }
        Files.createFile(directory.resolve(MARKER));
        if (!keywords.isEmpty()) {
            KeywordTable.write(directory, keywords);
        }
        new UidList(uidValidity, 1, newGuid(), List.of()).write(directory);
        Path parent = directory.getParent();
        if (parent != null) {
            Maildir.fsyncDirectory(parent);
        }
    }

    /**
     * Moves another folder's messages into this (new) folder's {@code cur}, names kept, UIDs
     * given from the uidlist's next on, in order; messages gone meanwhile are skipped.
     */
    void adopt(FolderFiles from, List<Stored> messages) throws IOException {
        UidList list = UidList.read(directory());
        if (list == null) {
            throw new NoSuchFileException(directory().resolve(UidList.FILE).toString());
        }
        long uid = list.nextUid();
        List<UidList.Entry> entries = new ArrayList<>(list.entries());
        for (Stored message : messages) {
            try {
                Path source = from.locate(message.file(), message.unique());
                Files.move(source, this.maildir.cur().resolve(source.getFileName().toString()),
                        StandardCopyOption.ATOMIC_MOVE);
                entries.add(new UidList.Entry(uid++, "", message.unique()));
            }
            catch (NoSuchFileException ex) {
                // removed meanwhile
            }
        }
        fsyncCur();
        new UidList(list.uidValidity(), uid, list.guid(), entries).write(directory());
    }

    void fsyncCur() throws IOException {
        Maildir.fsyncDirectory(this.maildir.cur());
    }

    private static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static String newGuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void listInto(Path directory, boolean inNew, List<Found> found, Set<String> seen)
            throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String unique = MaildirNames.uniqueOf(name);
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile() && seen.add(unique)) {
                        found.add(new Found(file, unique, MaildirFlags.lettersOf(name), inNew,
                                attributes.lastModifiedTime().toInstant(), attributes.size()));
                    }
                }
                catch (NoSuchFileException ex) {
                    // removed between the listing and the stat
                }
            }
        }
        catch (NoSuchFileException | NotDirectoryException ex) {
            // not created yet
        }
    }

    private record Found(Path path, String unique, String letters, boolean inNew, Instant modified, long size) {
    }
}
