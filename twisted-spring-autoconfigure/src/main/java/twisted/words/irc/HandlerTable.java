package twisted.words.irc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Handlers by name, the name's case ignored (ASCII upper case, as IRC commands and CTCP tags are
 * compared): {@link IRCClient}'s command and numeric table and {@link CtcpResponder}'s tag table.
 * Twisted finds {@code irc_<COMMAND>} and {@code ctcpQuery_<TAG>} by reflection; a table replaces
 * that.
 *
 * @param <H> the handler type
 */
final class HandlerTable<H> {

    private final Map<String, H> handlers = new HashMap<>();

    /**
     * Sets the handler of a name, replacing any.
     *
     * @param name the command, numeric or tag
     * @param handler the handler, or {@code null} to remove the entry
     */
    void set(String name, @Nullable H handler) {
        String key = name.toUpperCase(Locale.ROOT);
        if (handler == null) {
            this.handlers.remove(key);
        }
        else {
            this.handlers.put(key, handler);
        }
    }

    @Nullable H get(String name) {
        return this.handlers.get(name.toUpperCase(Locale.ROOT));
    }

    boolean contains(String name) {
        return this.handlers.containsKey(name.toUpperCase(Locale.ROOT));
    }

    /** The names that have a handler, sorted. */
    Set<String> names() {
        return new TreeSet<>(this.handlers.keySet());
    }
}
