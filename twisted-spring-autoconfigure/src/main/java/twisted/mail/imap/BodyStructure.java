package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A message's {@code BODYSTRUCTURE} as the server sent it: the parsed list ({@link #raw()}:
 * {@code String} for atoms and strings, {@code byte[]} for literals, {@code null} for NIL,
 * {@code List} for lists) with accessors for what is usually wanted.
 *
 * @param raw the parenthesised list
 * @since 0.1.0
 */
public record BodyStructure(List<@Nullable Object> raw) {

    /**
     * Whether this part is a multipart (its list starts with the parts).
     *
     * @return {@code true} for a multipart
     */
    public boolean multipart() {
        return !this.raw.isEmpty() && this.raw.get(0) instanceof List;
    }

    /**
     * The media type in lower case: {@code text}, {@code multipart}...
     *
     * @return the type
     */
    public String type() {
        return multipart() ? "multipart" : text(0);
    }

    /**
     * The media subtype in lower case: {@code plain}, {@code mixed}...
     *
     * @return the subtype
     */
    public String subtype() {
        if (!multipart()) {
            return text(1);
        }
        for (Object item : this.raw) {
            if (!(item instanceof List)) {
                return string(item);
            }
        }
        return "";
    }

    /**
     * The parts of a multipart, in order.
     *
     * @return the parts, empty for a single part
     */
    @SuppressWarnings("unchecked")
    public List<BodyStructure> parts() {
        List<BodyStructure> parts = new ArrayList<>();
        for (Object item : this.raw) {
            if (!(item instanceof List)) {
                break;
            }
            parts.add(new BodyStructure((List<@Nullable Object>) item));
        }
        return parts;
    }

    private String text(int index) {
        return (this.raw.size() > index) ? string(this.raw.get(index)) : "";
    }

    private static String string(@Nullable Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }
        return (value == null) ? "" : value.toString().toLowerCase(Locale.ROOT);
    }
}
