package twisted.application.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import twisted.cred.Redaction;

/**
 * A key under {@code twisted.*} that nothing binds, as the environment holds it: its value (hidden
 * for secrets, a URL's user and password replaced), where it was set, and the nearest known key by Levenshtein distance.
 *
 * @param key the key, in canonical form
 * @param value the user's value, or {@code null} when the source has none to show
 * @param origin where it was set (file and line), when known
 * @param suggestion the nearest known key, when one is near enough
 * @param known the keys known at the level of the unknown element
 * @param environmentVariable whether it came from an environment variable (a namespace shared with
 *        other programs, so only warned about)
 */
record UnknownProperty(String key, @Nullable String value, @Nullable String origin, @Nullable String suggestion,
        Collection<String> known, boolean environmentVariable) {

    private static final Pattern SECRET = Pattern.compile(".*(pass|secret|token|key|credential).*");

    /**
     * The keys under {@code root} that {@code tree} does not bind, highest-precedence source first.
     *
     * @param sources the environment's sources ({@code ConfigurationPropertySources.get(environment)})
     * @param root where the tree starts, such as {@code twisted.services.echo.options}
     * @param tree the keys under it
     * @return the unknown keys, each once
     */
    static List<UnknownProperty> find(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName root,
            PropertyTree tree) {
        Map<ConfigurationPropertyName, ConfigurationProperty> found = new LinkedHashMap<>();
        Map<ConfigurationPropertyName, Boolean> fromEnvironment = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                boolean environment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
                iterable.filter(root::isAncestorOf).stream().forEach(name -> {
                    ConfigurationProperty property = iterable.getConfigurationProperty(name);
                    if (property != null && found.putIfAbsent(name, property) == null) {
                        fromEnvironment.put(name, environment);
                    }
                });
            }
        }
        List<UnknownProperty> unknown = new ArrayList<>();
        found.forEach((name, property) -> {
            PropertyTree.Unknown miss = tree.unknown(name, root.getNumberOfElements());
            if (miss != null) {
                unknown.add(of(name, property, miss, fromEnvironment.get(name)));
            }
        });
        return unknown;
    }

    /** The keys set under {@code root} in any source. */
    static List<ConfigurationPropertyName> keysUnder(Iterable<ConfigurationPropertySource> sources,
            ConfigurationPropertyName root) {
        List<ConfigurationPropertyName> keys = new ArrayList<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(root::isAncestorOf).stream().filter(name -> !keys.contains(name)).forEach(keys::add);
            }
        }
        return keys;
    }

    private static UnknownProperty of(ConfigurationPropertyName name, ConfigurationProperty property,
            PropertyTree.Unknown miss, boolean environmentVariable) {
        String element = name.getElement(miss.index(), Form.DASHED);
        String nearest = nearest(element, miss.known());
        String suggestion = null;
        if (nearest != null) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < name.getNumberOfElements(); i++) {
                String part = (i == miss.index()) ? nearest : name.getElement(i, Form.ORIGINAL);
                if (name.isNumericIndex(i)) {
                    key.append('[').append(part).append(']');
                }
                else {
                    key.append((key.length() > 0) ? "." : "").append(part);
                }
            }
            suggestion = key.toString();
        }
        String key = name.toString();
        Object raw = property.getValue();
        boolean secret = SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches()
                || (suggestion != null && SECRET.matcher(suggestion.toLowerCase(Locale.ROOT)).matches());
        String value = (raw == null) ? null : secret ? "******" : Redaction.withoutUserInfo(raw.toString());
        String origin = (property.getOrigin() != null) ? property.getOrigin().toString() : null;
        return new UnknownProperty(key, value, origin, suggestion, miss.known(), environmentVariable);
    }

    /**
     * The candidate nearest to {@code word} by Levenshtein distance, among those within half its
     * length (at least 2 edits) or that it starts, or is the start of.
     *
     * @param word the unknown word
     * @param candidates the known words
     * @return the nearest, or {@code null} when none is near enough
     */
    static @Nullable String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            String known = candidate.toLowerCase(Locale.ROOT);
            int distance = levenshtein(lower, known);
            boolean near = distance <= Math.max(2, (word.length() + 1) / 2) || known.startsWith(lower)
                    || lower.startsWith(known);
            if (near && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** One line for a failure analysis or a warning. */
    String describe() {
        StringBuilder line = new StringBuilder("'").append(this.key).append("'");
        if (this.value != null) {
            line.append(" = '").append(this.value).append("'");
        }
        if (this.origin != null) {
            line.append(" (").append(this.origin).append(")");
        }
        line.append(" is not a known property");
        if (this.suggestion != null) {
            line.append(": did you mean '").append(this.suggestion).append("'?");
        }
        else if (!this.known.isEmpty()) {
            line.append("; known keys there: ").append(String.join(", ", this.known));
        }
        else {
            line.append("; nothing is bound there");
        }
        return line.toString();
    }
}
