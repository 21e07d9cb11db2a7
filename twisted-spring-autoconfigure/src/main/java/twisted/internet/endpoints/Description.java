package twisted.internet.endpoints;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A parsed endpoint description: {@code type:positional:...:key=value:...}. A backslash escapes
 * the next character, so {@code privateKey=C\:/keys/server.pem} keeps its colon. Accessors check
 * values and name the wrong part in their errors.
 *
 * <p>Twisted: {@code endpoints._parse}.
 */
final class Description {

    private final String original;

    private final String type;

    private final List<String> positional;

    private final Map<String, String> keywords;

    private Description(String original, String type, List<String> positional, Map<String, String> keywords) {
        this.original = original;
        this.type = type;
        this.positional = positional;
        this.keywords = keywords;
    }

    static Description parse(String description) {
        List<String> parts = new ArrayList<>();
        List<Integer> equalsAt = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int equals = -1;
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\') {
                if (i + 1 == description.length()) {
                    throw new EndpointSyntaxException(description, "\\", "ends with a lone backslash; escape it as \\\\");
                }
                current.append(description.charAt(++i));
            }
            else if (c == ':') {
                parts.add(current.toString());
                equalsAt.add(equals);
                current.setLength(0);
                equals = -1;
            }
            else {
                if (c == '=' && equals < 0) {
                    equals = current.length();
                }
                current.append(c);
            }
        }
        parts.add(current.toString());
        equalsAt.add(equals);
        String type = parts.get(0);
        if (parts.size() == 1) {
            if (!type.isEmpty() && type.chars().allMatch(Character::isDigit)) {
                throw new EndpointSyntaxException(description, type, "has no type; did you mean 'tcp:" + type + "'?");
            }
            throw new EndpointSyntaxException(description, type, "has no arguments; expected type:arguments, "
                    + "for example tcp:8000:interface=127.0.0.1");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        for (int i = 1; i < parts.size(); i++) {
            String part = parts.get(i);
            int at = equalsAt.get(i);
            if (at < 0) {
                if (!keywords.isEmpty()) {
                    throw new EndpointSyntaxException(description, part, "is a positional argument after key=value ones");
                }
                positional.add(part);
            }
            else {
                String key = part.substring(0, at);
                if (keywords.put(key, part.substring(at + 1)) != null) {
                    throw new EndpointSyntaxException(description, key, "is given twice");
                }
            }
        }
        return new Description(description, type, Collections.unmodifiableList(positional),
                Collections.unmodifiableMap(keywords));
    }

    /**
     * {@code value} written so that {@link #parse} reads it back as one argument: every character
     * the syntax gives a meaning to (backslash, {@code :} and {@code =}) is escaped.
     */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ':' || c == '=') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** {@code duration} as a {@code timeout} value: decimal seconds, exact to the nanosecond. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    List<String> positional() {
        return this.positional;
    }

    Map<String, String> keywords() {
        return this.keywords;
    }

    String type() {
        return this.type;
    }

    String original() {
        return this.original;
    }

    EndpointSyntaxException error(String part, String problem) {
        return new EndpointSyntaxException(this.original, part, problem);
    }

    /** Checks that only the known keywords and at most {@code maxPositional} positional arguments are used. */
    void allow(int maxPositional, Set<String> known) {
        if (this.positional.size() > maxPositional) {
            throw error(this.positional.get(maxPositional), "is an extra positional argument; " + this.type + ": takes "
                    + maxPositional);
        }
        for (String key : this.keywords.keySet()) {
            if (!known.contains(key)) {
                throw error(key, "is not a " + this.type + ": option; known options: " + String.join(", ", known));
            }
        }
    }

    /** A value given positionally at {@code index} or as {@code key=value}; not both. */
    @Nullable String get(int index, String key) {
        String byKey = this.keywords.get(key);
        String byPosition = (index < this.positional.size()) ? this.positional.get(index) : null;
        if (byKey != null && byPosition != null) {
            throw error(key, "is given both positionally and as " + key + "=");
        }
        return (byKey != null) ? byKey : byPosition;
    }

    @Nullable String get(String key) {
        return this.keywords.get(key);
    }

    String require(int index, String key) {
        String value = get(index, key);
        if (value == null || value.isEmpty()) {
            throw error(key, "is missing; " + this.type + ": needs " + key);
        }
        return value;
    }

    int port(int index, String key) {
        return port(require(index, key), key);
    }

    /** A port number from 0 to 65535, or an error naming {@code value}. */
    int port(String value, String key) {
        int port = integer(value, key);
        if (port < 0 || port > 65535) {
            throw error(value, "is not a valid " + key + ": expected a number from 0 to 65535");
        }
        return port;
    }

    /** A whole number of at least 1, or {@code defaultValue} when {@code key} is not given. */
    int positive(String key, int defaultValue) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        int number = integer(value, key);
        if (number < 1) {
            throw error(value, "is not a valid " + key + ": expected a whole number of at least 1");
        }
        return number;
    }

    /** A file path, or an error naming {@code value} (a NUL character, say). */
    Path path(String value, String key) {
        try {
            return Path.of(value);
        }
        catch (InvalidPathException ex) {
            throw error(value, "is not a valid " + key + ": " + ex.getReason());
        }
    }

    int integer(String value, String key) {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw error(value, "is not a valid " + key + ": expected a whole number");
        }
    }

    int integer(String key, int defaultValue) {
        String value = get(key);
        return (value == null) ? defaultValue : integer(value, key);
    }

    /**
     * A duration in decimal seconds, of at least a millisecond: the reactor counts timeouts in
     * whole milliseconds, and Netty takes zero as "no timeout at all".
     */
    Duration seconds(String key, Duration defaultValue) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        Duration duration;
        try {
            double seconds = Double.parseDouble(value);
            if (seconds <= 0 || Double.isInfinite(seconds) || Double.isNaN(seconds)) {
                throw new NumberFormatException();
            }
            duration = Duration.ofNanos(Math.round(seconds * 1e9));
        }
        catch (NumberFormatException ex) {
            throw error(value, "is not a valid " + key + ": expected a positive number of seconds");
        }
        if (duration.toMillis() < 1) {
            throw error(value, "is not a valid " + key + ": expected at least 0.001 seconds (one millisecond)");
        }
        return duration;
    }

    boolean flag(String key, boolean defaultValue) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase()) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw error(value, "is not a valid " + key + ": expected yes or no");
        };
    }
}
