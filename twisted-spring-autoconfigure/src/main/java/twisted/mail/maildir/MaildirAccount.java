package twisted.mail.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.FolderException;
import twisted.mail.FolderException.Reason;
import twisted.mail.FolderInfo;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.FolderStatus;
import twisted.mail.MailAccount;
import twisted.mail.MessageAppender;

/**
 * One user's folders in Maildir++ layout, for one IMAP session: the folder directories are listed,
 * created, renamed and removed off the reactor thread; selected folders are the store's shared
 * {@link MaildirFolder} states. Used on the reactor thread.
 */
final class MaildirAccount implements MailAccount {

    private final MaildirStore store;

    private final Path home;

    private final List<MaildirFolderSession> sessions = new ArrayList<>();

    private boolean closed;

    MaildirAccount(MaildirStore store, Path home) {
        this.store = store;
        this.home = home;
    }

    @Override
    public char delimiter() {
        return FolderNames.DELIMITER;
    }

    @Override
    public Deferred<List<FolderInfo>> listFolders() {
        return this.store.blocking().run(() -> {
            Set<String> existing = folderNames();
            existing.add(FolderNames.INBOX);
            Set<String> all = new TreeSet<>(existing);
            for (String name : existing) {
                for (String parent = FolderNames.parentOf(name); parent != null; parent = FolderNames.parentOf(parent)) {
                    all.add(parent);
                }
            }
            List<FolderInfo> folders = new ArrayList<>();
            for (String name : all) {
                Set<String> attributes = new HashSet<>();
                boolean children = all.stream().anyMatch(other -> other.startsWith(name + FolderNames.DELIMITER));
                attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
                if (!existing.contains(name)) {
                    attributes.add("\\Noselect");
                }
                String special = FolderNames.specialUse(name);
                if (special != null && existing.contains(name)) {
                    attributes.add(special);
                }
                folders.add(new FolderInfo(name, attributes));
            }
            return folders;
        });
    }

    @Override
    public Deferred<Void> create(String name) {
        return withName(name, canonical -> {
            if (FolderNames.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "INBOX exists"));
            }
            FolderFiles files = files(canonical);
            long validity = this.store.newUidValidity();
            return this.store.blocking().run(() -> {
                try {
                    files.createFolder(validity, List.of());
                }
                catch (FileAlreadyExistsException ex) {
                    throw new FolderException(Reason.ALREADY_EXISTS, "folder " + FolderNames.printable(canonical)
                            + " exists");
                }
                return null;
            });
        });
    }

    @Override
    public Deferred<Void> delete(String name) {
        return withName(name, canonical -> {
            if (FolderNames.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.CANNOT, "INBOX cannot be deleted"));
            }
            Path directory = directory(canonical);
            if (this.store.inUse(directory)) {
                return Deferred.fail(new FolderException(Reason.IN_USE, "folder " + FolderNames.printable(canonical)
                        + " is in use"));
            }
            String trash = "..deleted-" + this.store.uniqueName();
            return this.store.blocking().run(() -> {
                if (!Files.isDirectory(directory)) {
                    throw nonexistent(canonical);
                }
                Path doomed = this.home.resolve(trash);
                Files.move(directory, doomed, StandardCopyOption.ATOMIC_MOVE);
                Maildir.fsyncDirectory(this.home);
                removeTree(doomed);
                return null;
            });
        });
    }

    @Override
    public Deferred<Void> rename(String from, String to) {
        return withName(from, source -> withName(to, target -> {
            if (FolderNames.isInbox(target) || FolderNames.isAtOrBelow(target, source)) {
                return Deferred.fail(new FolderException(FolderNames.isInbox(target) ? Reason.ALREADY_EXISTS
                        : Reason.CANNOT, "cannot rename " + FolderNames.printable(source) + " to "
                        + FolderNames.printable(target)));
            }
            if (FolderNames.isInbox(source)) {
                return renameInbox(target);
            }
            if (this.store.inUse(this.home, name -> FolderNames.isAtOrBelow(name, source))) {
                return Deferred.fail(new FolderException(Reason.IN_USE, "folder " + FolderNames.printable(source)
                        + " is in use"));
            }
            return this.store.blocking().run(() -> {
                List<String> moving = folderNames().stream().filter(n -> FolderNames.isAtOrBelow(n, source)).toList();
                if (moving.isEmpty()) {
                    throw nonexistent(source);
                }
                for (String name : moving) {
                    if (Files.exists(directory(target + name.substring(source.length())))) {
                        throw new FolderException(Reason.ALREADY_EXISTS, "folder " + FolderNames.printable(target)
                                + " exists");
                    }
                }
                for (String name : moving) {
                    Files.move(directory(name), directory(target + name.substring(source.length())),
                            StandardCopyOption.ATOMIC_MOVE);
                }
                Maildir.fsyncDirectory(this.home);
                return null;
            });
        }));
    }

    /** RFC 3501 6.3.5: INBOX's messages go to a new folder; INBOX stays, empty, its UIDs going on. */
    private Deferred<Void> renameInbox(String target) {
        FolderFiles files = files(target);
        long validity = this.store.newUidValidity();
        MaildirFolder inbox = this.store.folder(this.home, true);
        return inbox.moveAllTo(files, validity).recoverWith(failure -> {
            inbox.release();
            if (failure.check(FileAlreadyExistsException.class) != null) {
                return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "folder "
                        + FolderNames.printable(target) + " exists"));
            }
            return Deferred.fail(failure);
        }).thenApply(ignored -> {
            inbox.release();
            return null;
        });
    }

    @Override
    public Deferred<Set<String>> subscriptions() {
        return this.store.subscriptions(this.home).read();
    }

    @Override
    public Deferred<Void> subscribe(String name) {
        return withName(name, canonical -> this.store.subscriptions(this.home).change(canonical, true));
    }

    @Override
    public Deferred<Void> unsubscribe(String name) {
        return withName(name, canonical -> this.store.subscriptions(this.home).change(canonical, false));
    }

    @Override
    public Deferred<FolderStatus> status(String name) {
        return existingFolder(name).thenCompose(folder -> folder.status().recoverWith(failure -> {
            folder.release();
            return Deferred.fail(failure);
        }).thenApply(status -> {
            folder.release();
            return status;
        }));
    }

    @Override
    public Deferred<FolderSession> select(String name, boolean readOnly, FolderListener listener) {
        if (this.closed) {
            return Deferred.fail(new IllegalStateException("account closed"));
        }
        return existingFolder(name).thenCompose(folder -> folder.select(canonicalOrSelf(name), readOnly, listener)
                .recoverWith(failure -> {
                    folder.release();
                    return Deferred.fail(failure);
                })
                .thenApply(session -> {
                    session.targets(this::existingFolder);
                    if (this.closed) {
                        session.close();
                    }
                    else {
                        this.sessions.removeIf(MaildirFolderSession::isClosed);
                        this.sessions.add(session);
                    }
                    return (FolderSession) session;
                }));
    }

    @Override
    public Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate) {
        Instant date = internalDate != null ? internalDate : this.store.now();
        String unique = this.store.uniqueName();
        return existingFolder(name).thenApply(folder -> new MaildirAppender(folder,
                folder.directory().resolve("tmp").resolve(unique), flags, date, this.store.blocking()));
    }

    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        List.copyOf(this.sessions).forEach(MaildirFolderSession::close);
        this.sessions.clear();
    }

    /** The folder's shared state, held for the caller (who releases it), once its directory is known to exist. */
    private Deferred<MaildirFolder> existingFolder(String name) {
        return withName(name, canonical -> {
            if (FolderNames.isInbox(canonical)) {
                return Deferred.succeed(this.store.folder(this.home, true));
            }
            Path directory = directory(canonical);
            return this.store.blocking().run(() -> {
                if (!Files.isDirectory(directory.resolve("cur"))) {
                    throw nonexistent(canonical);
                }
                return directory;
            }).thenApply(found -> this.store.folder(found, false));
        });
    }

    private Set<String> folderNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.home)) {
            for (Path entry : entries) {
                String name = FolderNames.nameOf(entry.getFileName().toString());
                if (name != null && Files.isDirectory(entry)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private Path directory(String canonical) {
        return this.home.resolve(FolderNames.directoryOf(canonical));
    }

    private FolderFiles files(String canonical) {
        return new FolderFiles(new Maildir(directory(canonical)), false);
    }

    private static String canonicalOrSelf(String name) {
        try {
            return FolderNames.canonical(name);
        }
        catch (FolderException ex) {
            return name;
        }
    }

    private static <T> Deferred<T> withName(String name, NameOperation<T> operation) {
        String canonical;
        try {
            canonical = FolderNames.canonical(name);
        }
        catch (FolderException ex) {
            return Deferred.fail(ex);
        }
        return operation.apply(canonical);
    }

    @FunctionalInterface
    private interface NameOperation<T> {
        Deferred<T> apply(String canonical);
    }

    private static FolderException nonexistent(String canonical) {
        return new FolderException(Reason.NONEXISTENT, "no folder " + FolderNames.printable(canonical));
    }

    private static void removeTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
