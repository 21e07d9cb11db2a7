package twisted.mail.maildir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import twisted.defer.Deferred;
import twisted.mail.FolderHierarchy;

/**
 * A user's {@code subscriptions} file as Dovecot 2.3 writes it: the header {@code V<tab>2}, an
 * empty line, then one folder name per line, its levels in modified UTF-7 separated by tabs. An
 * older file without the header (one name per line, levels separated by the delimiter) is read
 * too. Changes are read, modified and replaced atomically off the reactor thread, one at a time
 * (the store's queue).
 */
final class Subscriptions {

    static final String FILE = "subscriptions";

    private static final String HEADER = "V\t2";

    private final Path file;

    private final Blocking blocking;

    private final SerialQueue queue;

    Subscriptions(Path home, Blocking blocking, SerialQueue queue) {
        this.file = home.resolve(FILE);
        this.blocking = blocking;
        this.queue = queue;
    }

    Deferred<Set<String>> read() {
        return this.queue.submit(() -> this.blocking.run(this::load));
    }

    Deferred<Void> change(String canonical, boolean subscribed) {
        return this.queue.submit(() -> this.blocking.run(() -> {
            Set<String> names = load();
            boolean changed = subscribed ? names.add(canonical) : names.remove(canonical);
            if (changed) {
                StringBuilder out = new StringBuilder(HEADER).append("\n\n");
                for (String name : names) {
                    out.append(FolderNames.subscriptionForm(name)).append('\n');
                }
                AtomicFiles.write(this.file, out.toString().getBytes(StandardCharsets.UTF_8));
            }
            return null;
        }));
    }

    private Set<String> load() throws java.io.IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            return new LinkedHashSet<>();
        }
        boolean versioned = !lines.isEmpty() && lines.get(0).equals(HEADER);
        Set<String> names = new LinkedHashSet<>();
        for (String line : versioned ? lines.subList(1, lines.size()) : new ArrayList<>(lines)) {
            if (line.isEmpty()) {
                continue;
            }
            String name = versioned ? FolderNames.fromSubscriptionForm(line)
                    : FolderNames.fromSubscriptionForm(line.replace(FolderHierarchy.DELIMITER, '\t'));
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
