package twisted.conch.manhole;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Where the code that a {@link ManholeInterpreter} generates for its session finds the session's
 * objects: the interpreter registers its namespace under a random key, and the generated
 * {@code Namespace} class reads each name back with {@link #get(String, String)}.
 *
 * <p>Public only because that generated code, loaded by the snippets' class loader, must reach
 * it; it is not meant to be called by anything else, and the keys are not guessable names but
 * a session's secret-free random identifiers. Safe from any thread.
 *
 * @since 0.1.0
 */
public final class ManholeRegistry {

    private static final Map<String, Map<String, @Nullable Object>> SESSIONS = new ConcurrentHashMap<>();

    private ManholeRegistry() {
    }

    /**
     * One object of a session's namespace.
     *
     * @param session the session's key
     * @param name the object's name in the namespace
     * @return the object, possibly {@code null}
     * @throws NoSuchElementException when the session is closed or has no such name
     */
    public static @Nullable Object get(String session, String name) {
        Map<String, @Nullable Object> namespace = SESSIONS.get(session);
        if (namespace == null || !namespace.containsKey(name)) {
            throw new NoSuchElementException("no object '" + name + "' in manhole session " + session);
        }
        return namespace.get(name);
    }

    static void register(String session, Map<String, @Nullable Object> namespace) {
        SESSIONS.put(session, namespace);
    }

    static void unregister(String session) {
        SESSIONS.remove(session);
    }
}
