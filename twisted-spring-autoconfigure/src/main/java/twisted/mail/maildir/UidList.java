package twisted.mail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A folder's {@code dovecot-uidlist}, version 3, as Dovecot reads and writes it: the header
 * {@code 3 V<uidvalidity> N<nextuid> G<guid>}, then one {@code <uid> [<extensions>] :<name>} line
 * per message in UID order, the name being the file's unique name (Dovecot may write it with the
 * {@code :2,} flags of the moment; readers compare the part before the colon). Extension fields
 * Dovecot wrote (cached sizes, GUIDs) are kept as they were. Blocking: used off the reactor thread.
 *
 * @param uidValidity the folder's UID validity
 * @param nextUid the UID the next message gets
 * @param guid the folder's GUID, 32 hex digits
 * @param entries the messages, ascending UIDs
 */
record UidList(long uidValidity, long nextUid, String guid, List<Entry> entries) {

    static final String FILE = "dovecot-uidlist";

    /** Lines longer than this are not a uidlist's. */
    private static final int MAX_LINE = 8192;

    UidList {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a folder's list.
     *
     * @return the list, or {@code null} if there is none or it is not version 3 (the caller then
     *         starts a new one, with a new UID validity, as Dovecot does with a list it cannot read)
     */
    static @Nullable UidList read(Path folder) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            return null;
        }
        if (lines.isEmpty()) {
            return null;
        }
        String[] header = lines.get(0).split(" ");
        if (!header[0].equals("3")) {
            return null;
        }
        long validity = 0;
        long next = 1;
        String guid = "";
        for (int i = 1; i < header.length; i++) {
            String field = header[i];
            if (field.isEmpty()) {
                continue;
            }
            try {
                switch (field.charAt(0)) {
                    case 'V' -> validity = Long.parseLong(field.substring(1));
                    case 'N' -> next = Long.parseLong(field.substring(1));
                    case 'G' -> guid = field.substring(1);
                    default -> {
                        // other header fields: not needed here
                    }
                }
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        if (validity <= 0) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        long last = 0;
        for (String line : lines.subList(1, lines.size())) {
            Entry entry = parse(line);
            if (entry == null || entry.uid() <= last) {
                continue; // a damaged or out-of-order line: the message gets a new UID on sync
            }
            entries.add(entry);
            last = entry.uid();
        }
        return new UidList(validity, Math.max(next, last + 1), guid, entries);
    }

    private static @Nullable Entry parse(String line) {
        if (line.length() > MAX_LINE) {
            return null;
        }
        int colon = line.indexOf(" :");
        int space = line.indexOf(' ');
        if (colon < 0 || space <= 0) {
            return null;
        }
        long uid;
        try {
            uid = Long.parseLong(line.substring(0, space));
        }
        catch (NumberFormatException ex) {
            return null;
        }
        String name = MaildirNames.uniqueOf(line.substring(colon + 2));
        if (uid <= 0 || name.isEmpty()) {
            return null;
        }
        return new Entry(uid, line.substring(space, colon).strip(), name);
    }

    /** Replaces the file atomically (written beside it, forced, renamed over it, directory forced). */
    void write(Path folder) throws IOException {
        StringBuilder out = new StringBuilder(64 + this.entries.size() * 48);
        out.append("3 V").append(this.uidValidity).append(" N").append(this.nextUid).append(" G").append(this.guid)
                .append('\n');
        for (Entry entry : this.entries) {
            out.append(entry.uid());
            if (!entry.extensions().isEmpty()) {
                out.append(' ').append(entry.extensions());
            }
            out.append(" :").append(entry.unique()).append('\n');
        }
        AtomicFiles.write(folder.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One message.
     *
     * @param uid its UID
     * @param extensions Dovecot's extension fields, as read, or empty
     * @param unique its unique name, without flags
     */
    record Entry(long uid, String extensions, String unique) {
    }
}
