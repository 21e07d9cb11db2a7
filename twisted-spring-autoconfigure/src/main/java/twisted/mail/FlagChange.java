package twisted.mail;

import java.util.Set;

/**
 * A change to messages' flags: {@code STORE}'s {@code +FLAGS}, {@code -FLAGS} and {@code FLAGS}.
 *
 * @param mode add, remove or replace
 * @param flags the flags ({@code \Recent} is never one)
 * @since 0.1.0
 */
public record FlagChange(Mode mode, Set<String> flags) {

    /**
     * Copies the flags and refuses {@code \Recent}.
     *
     * @param mode add, remove or replace
     * @param flags the flags
     */
    public FlagChange {
        flags = Set.copyOf(flags);
        if (flags.contains(MessageInfo.RECENT)) {
            throw new IllegalArgumentException("\\Recent cannot be stored");
        }
    }

    /** How the flags apply. */
    public enum Mode {
        /** {@code +FLAGS}. */
        ADD,
        /** {@code -FLAGS}. */
        REMOVE,
        /** {@code FLAGS}. */
        REPLACE
    }
}
