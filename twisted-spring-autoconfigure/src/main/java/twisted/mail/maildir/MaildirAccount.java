package twisted.mail.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.AbstractMailAccount;
import twisted.mail.FolderException;
import twisted.mail.FolderException.Reason;
import twisted.mail.FolderHierarchy;
import twisted.mail.FolderListener;
import twisted.mail.FolderStatus;
import twisted.mail.MessageAppender;

/**
 * One user's folders in Maildir++ layout, for one IMAP session: the folder directories are listed,
 * created, renamed and removed off the reactor thread; selected folders are the store's shared
 * {@link MaildirFolder} states. Used on the reactor thread.
 */
final class MaildirAccount extends AbstractMailAccount {

    private final MaildirStore store;

    private final Path home;

    MaildirAccount(MaildirStore store, Path home) {
        this.store = store;
        this.home = home;
    }

    @Override
    protected String canonical(String name) throws FolderException {
        return FolderNames.canonical(name);
    }

    /** Lists the user's maildir off the reactor thread. */
    @Override
    protected Deferred<Set<String>> folderNames() {
        return this.store.blocking().run(() -> {
            Set<String> existing = listNames();
            existing.add(FolderHierarchy.INBOX);
            return existing;
        });
    }

    @Override
    protected Deferred<Void> createFolder(String canonical) {
        FolderFiles files = files(canonical);
        long validity = this.store.newUidValidity();
        return this.store.blocking().run(() -> {
            try {
                files.createFolder(validity, List.of());
            }
            catch (FileAlreadyExistsException ex) {
                throw new FolderException(Reason.ALREADY_EXISTS, "folder " + FolderHierarchy.printable(canonical)
                        + " exists");
            }
            return null;
        });
    }

    /** Moves the directory aside atomically, then removes it. */
    @Override
    protected Deferred<Void> deleteFolder(String canonical) {
        Path directory = directory(canonical);
        if (this.store.inUse(directory)) {
            return Deferred.fail(new FolderException(Reason.IN_USE, "folder " + FolderHierarchy.printable(canonical)
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
    }

    /** Renames the directories of the folder and its children, each atomically. */
    @Override
    protected Deferred<Void> renameFolder(String source, String target) {
        if (this.store.inUse(this.home, name -> FolderHierarchy.isAtOrBelow(name, source))) {
            return Deferred.fail(new FolderException(Reason.IN_USE, "folder " + FolderHierarchy.printable(source)
                    + " is in use"));
        }
        return this.store.blocking().run(() -> {
            List<String> moving = listNames().stream().filter(n -> FolderHierarchy.isAtOrBelow(n, source)).toList();
            if (moving.isEmpty()) {
                throw nonexistent(source);
            }
            for (String name : moving) {
                if (Files.exists(directory(target + name.substring(source.length())))) {
                    throw new FolderException(Reason.ALREADY_EXISTS, "folder " + FolderHierarchy.printable(target)
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
    }

    /** INBOX's shared state moves its files into the new folder's directory, in its queue. */
    @Override
    protected Deferred<Void> renameInbox(String target) {
        FolderFiles files = files(target);
        long validity = this.store.newUidValidity();
        MaildirFolder inbox = this.store.folder(this.home, true);
        return inbox.moveAllTo(files, validity).recoverWith(failure -> {
            inbox.release();
            if (failure.check(FileAlreadyExistsException.class) != null) {
                return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "folder "
                        + FolderHierarchy.printable(target) + " exists"));
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
    protected Deferred<MaildirFolderSession> open(String canonical, boolean readOnly, FolderListener listener) {
        return existingFolder(canonical).thenCompose(folder -> folder.select(canonical, readOnly, listener)
                .recoverWith(failure -> {
                    folder.release();
                    return Deferred.fail(failure);
                })
                .thenApply(session -> {
                    session.targets(this::existingFolder);
                    return session;
                }));
    }

    @Override
    public Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate) {
        Instant date = internalDate != null ? internalDate : this.store.now();
        String unique = this.store.uniqueName();
        return existingFolder(name).thenApply(folder -> new MaildirAppender(folder,
                folder.directory().resolve("tmp").resolve(unique), flags, date, this.store.blocking()));
    }

    /** The folder's shared state, held for the caller (who releases it), once its directory is known to exist. */
    private Deferred<MaildirFolder> existingFolder(String name) {
        return withName(name, canonical -> {
            if (FolderHierarchy.isInbox(canonical)) {
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

    private Set<String> listNames() throws IOException {
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

    private static FolderException nonexistent(String canonical) {
        return new FolderException(Reason.NONEXISTENT, "no folder " + FolderHierarchy.printable(canonical));
    }

    private static void removeTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
