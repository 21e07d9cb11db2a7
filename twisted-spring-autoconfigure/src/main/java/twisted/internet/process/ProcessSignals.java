package twisted.internet.process;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Signal names and numbers for {@code ProcessTransport.signalProcess}. Names are written as in
 * {@code kill -s}: {@code "TERM"}, {@code "KILL"}, {@code "INT"}, with or without {@code SIG},
 * in any case.
 *
 * <p>Only the numbers POSIX fixes are known everywhere: HUP 1, INT 2, QUIT 3, ABRT 6, KILL 9,
 * ALRM 14, TERM 15. On Linux the common others are known too (USR1 10, SEGV 11, USR2 12, PIPE 13,
 * CHLD 17, CONT 18, STOP 19, TSTP 20, WINCH 28). Any other name is still sent, by name; it just
 * has no number here, so a process it kills is reported by exit code (see {@link ProcessSpawner}).
 *
 * @since 0.1.0
 */
public final class ProcessSignals {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9+-]*");

    private static final Map<String, Integer> NUMBERS = numbers();

    private ProcessSignals() {
    }

    private static Map<String, Integer> numbers() {
        Map<String, Integer> numbers = new HashMap<>(Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9,
                "ALRM", 14, "TERM", 15));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            numbers.putAll(Map.of("USR1", 10, "SEGV", 11, "USR2", 12, "PIPE", 13, "CHLD", 17, "CONT", 18,
                    "STOP", 19, "TSTP", 20, "WINCH", 28));
        }
        return Map.copyOf(numbers);
    }

    /**
     * A signal's name as {@code kill -s} takes it: upper case, without {@code SIG}.
     *
     * @param signal a name such as {@code "term"} or {@code "SIGTERM"}
     * @return the name, such as {@code "TERM"}
     * @throws IllegalArgumentException when {@code signal} is not a signal name
     */
    public static String normalize(String signal) {
        Objects.requireNonNull(signal, "signal");
        String name = signal.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("[" + signal + "] is not a signal name (such as TERM, KILL, INT, HUP)");
        }
        return name;
    }

    /**
     * A signal's number, where it is known on this platform.
     *
     * @param signal a signal name, normalized or not
     * @return the number, or empty when unknown
     * @throws IllegalArgumentException when {@code signal} is not a signal name
     */
    public static OptionalInt number(String signal) {
        Integer number = NUMBERS.get(normalize(signal));
        return (number != null) ? OptionalInt.of(number) : OptionalInt.empty();
    }
}
