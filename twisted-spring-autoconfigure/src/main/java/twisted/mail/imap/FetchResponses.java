package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns the parsed values of {@code FETCH}, {@code LIST} and similar responses into the types
 * {@link IMAP4Client} returns. Throws {@link IllegalServerResponseException} on a wrong shape.
 */
final class FetchResponses {

    private FetchResponses() {
    }

    /** The items of {@code * n FETCH (name value ...)}, by upper-case name. */
    static Map<String, Object> items(List<@Nullable Object> values) {
        List<@Nullable Object> list = list(values.isEmpty() ? null : values.get(0), "FETCH");
        if (list.size() % 2 != 0) {
            throw new IllegalServerResponseException("FETCH items do not pair up: " + list.size() + " values");
        }
        Map<String, Object> items = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i += 2) {
            String name = key(list.get(i));
            items.put(name, item(name, list.get(i + 1)));
        }
        return Collections.unmodifiableMap(items);
    }

    private static Object item(String name, @Nullable Object value) {
        switch (name) {
            case "FLAGS":
                return flags(value);
            case "UID", "RFC822.SIZE", "MODSEQ":
                return ResponseParser.number(string(value, name));
            case "INTERNALDATE":
                return string(value, name);
            case "ENVELOPE":
                return envelope(list(value, name));
            case "BODYSTRUCTURE":
                return new BodyStructure(list(value, name));
            default:
                if (name.startsWith("BODY[") || name.startsWith("RFC822") || name.startsWith("BINARY[")) {
                    return bytes(value);
                }
                return (value == null) ? "NIL" : value;
        }
    }

    /** {@code BODY[header.fields (from)]} becomes {@code BODY[HEADER.FIELDS (FROM)]}. */
    private static String key(@Nullable Object name) {
        if (!(name instanceof String text)) {
            throw new IllegalServerResponseException("a FETCH item name must be an atom");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    static Set<String> flags(@Nullable Object value) {
        Set<String> flags = new LinkedHashSet<>();
        for (Object flag : list(value, "FLAGS")) {
            flags.add(string(flag, "flag"));
        }
        return Collections.unmodifiableSet(flags);
    }

    static Envelope envelope(List<@Nullable Object> e) {
        if (e.size() != 10) {
            throw new IllegalServerResponseException("an ENVELOPE has 10 fields, not " + e.size());
        }
        return new Envelope(nstring(e.get(0)), nstring(e.get(1)), addresses(e.get(2)), addresses(e.get(3)),
                addresses(e.get(4)), addresses(e.get(5)), addresses(e.get(6)), addresses(e.get(7)),
                nstring(e.get(8)), nstring(e.get(9)));
    }

    private static List<Address> addresses(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        List<Address> addresses = new ArrayList<>();
        for (Object one : list(value, "address list")) {
            List<@Nullable Object> a = list(one, "address");
            if (a.size() != 4) {
                throw new IllegalServerResponseException("an address has 4 fields, not " + a.size());
            }
            addresses.add(new Address(nstring(a.get(0)), nstring(a.get(2)), nstring(a.get(3))));
        }
        return Collections.unmodifiableList(addresses);
    }

    /** One {@code LIST} or {@code LSUB} response. */
    static ListEntry listEntry(List<@Nullable Object> values) {
        if (values.size() < 3) {
            throw new IllegalServerResponseException("LIST needs attributes, delimiter and name");
        }
        Set<String> attributes = new LinkedHashSet<>();
        for (Object attribute : list(values.get(0), "LIST attributes")) {
            attributes.add(string(attribute, "attribute"));
        }
        String name = nstring(values.get(2));
        if (name == null) {
            throw new IllegalServerResponseException("LIST without a mailbox name");
        }
        return new ListEntry(Collections.unmodifiableSet(attributes), nstring(values.get(1)),
                twisted.mail.ModifiedUtf7.decode(name));
    }

    static @Nullable String nstring(@Nullable Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalServerResponseException("a string was expected, not a list");
    }

    static byte[] bytes(@Nullable Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        String text = nstring(value);
        return (text == null) ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    static String string(@Nullable Object value, String what) {
        String text = nstring(value);
        if (text == null) {
            throw new IllegalServerResponseException(what + " must not be NIL");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    static List<@Nullable Object> list(@Nullable Object value, String what) {
        if (value instanceof List<?> list) {
            return (List<@Nullable Object>) list;
        }
        throw new IllegalServerResponseException(what + ": a parenthesised list was expected");
    }
}
