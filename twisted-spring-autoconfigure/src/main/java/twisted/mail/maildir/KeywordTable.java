package twisted.mail.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;
import twisted.mail.FolderHierarchy;

/**
 * A folder's {@code dovecot-keywords} file: one {@code <index> <keyword>} line per keyword, the
 * index naming the file-name letter {@code 'a' + index}. Indexes are never reused while the file
 * exists, so a letter keeps its meaning. Blocking: used off the reactor thread.
 */
final class KeywordTable {

    static final String FILE = "dovecot-keywords";

    /** Letters {@code a} to {@code z}. */
    static final int MAX = 26;

    private KeywordTable() {
    }

    /** The keywords by index; a gap in the file is an empty string. A missing file is an empty table. */
    static List<String> read(Path folder) throws IOException {
        List<String> keywords = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            return keywords;
        }
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(line.substring(0, space));
            }
            catch (NumberFormatException ex) {
                continue;
            }
            if (index < 0 || index >= MAX) {
                continue;
            }
            while (keywords.size() <= index) {
                keywords.add("");
            }
            keywords.set(index, line.substring(space + 1));
        }
        return keywords;
    }

    /**
     * Adds to the table the keywords among {@code flags} it lacks.
     *
     * @return the refusal when one is not an IMAP atom ({@code CANNOT}) or the table is full
     *         ({@code LIMIT}), else {@code null}
     */
    static @Nullable FolderException extend(List<String> table, Set<String> flags) {
        for (String keyword : MaildirFlags.keywordsIn(flags)) {
            if (!MaildirFlags.isKeyword(keyword)) {
                return new FolderException(FolderException.Reason.CANNOT, "'" + FolderHierarchy.printable(keyword)
                        + "' is not a keyword (an IMAP atom)");
            }
            if (!table.contains(keyword)) {
                if (table.size() >= MAX) {
                    return new FolderException(FolderException.Reason.LIMIT, "a folder holds at most " + MAX
                            + " keywords");
                }
                table.add(keyword);
            }
        }
        return null;
    }

    static void write(Path folder, List<String> keywords) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keywords.size(); i++) {
            if (!keywords.get(i).isEmpty()) {
                out.append(i).append(' ').append(keywords.get(i)).append('\n');
            }
        }
        AtomicFiles.write(folder.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
