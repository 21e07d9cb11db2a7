package twisted.conch.recvline;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The lines entered so far, oldest first, at most a given number, and a position in them for the
 * up and down keys. Empty lines and a line equal to the one before are not kept, as in bash with
 * {@code HISTCONTROL=ignoredups}. The line being typed when the user first goes up is kept as a
 * draft and comes back when they go down past the newest entry; edits to a recalled entry are
 * lost when moving away from it (Twisted's {@code HistoricRecvLine} behaves the same).
 */
final class History {

    private final int capacity;

    private final List<String> entries = new ArrayList<>();

    private int position;

    private String draft = "";

    History(int capacity) {
        this.capacity = capacity;
    }

    /** Adds an entered line and goes back to the end of the history. */
    void add(String line) {
        if (this.capacity > 0 && !line.isEmpty()
                && (this.entries.isEmpty() || !this.entries.get(this.entries.size() - 1).equals(line))) {
            if (this.entries.size() == this.capacity) {
                this.entries.remove(0);
            }
            this.entries.add(line);
        }
        reset();
    }

    /** Goes back to the end of the history, forgetting the draft. */
    void reset() {
        this.position = this.entries.size();
        this.draft = "";
    }

    /**
     * The entry before the current position, moving there.
     *
     * @param current the line as typed now, kept as the draft when leaving it
     * @return the entry, or {@code null} at the oldest one
     */
    @Nullable String previous(String current) {
        if (this.position == 0) {
            return null;
        }
        if (this.position == this.entries.size()) {
            this.draft = current;
        }
        return this.entries.get(--this.position);
    }

    /**
     * The entry after the current position (the draft after the newest entry), moving there.
     *
     * @return the entry, or {@code null} at the end already
     */
    @Nullable String next() {
        if (this.position == this.entries.size()) {
            return null;
        }
        this.position++;
        return (this.position == this.entries.size()) ? this.draft : this.entries.get(this.position);
    }

    int size() {
        return this.entries.size();
    }
}
