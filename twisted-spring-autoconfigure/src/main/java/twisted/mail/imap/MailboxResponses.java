package twisted.mail.imap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads the results of {@link IMAP4Client}'s commands out of their untagged responses and
 * completion. Throws {@link IllegalServerResponseException} on a wrong shape.
 */
final class MailboxResponses {

    private MailboxResponses() {
    }

    static SelectedMailbox selected(IMAP4Client.Done done) {
        long exists = 0;
        long recent = 0;
        long uidValidity = -1;
        long uidNext = -1;
        Set<String> flags = Set.of();
        Set<String> permanent = Set.of();
        for (ServerResponse response : done.untagged()) {
            switch (response.keyword()) {
                case "EXISTS" -> exists = response.number();
                case "RECENT" -> recent = response.number();
                case "FLAGS" -> flags = FetchResponses.flags(response.values().isEmpty() ? null : response.values().get(0));
                case "OK" -> {
                    String code = response.code();
                    switch (response.codeName()) {
                        case "UIDVALIDITY" -> uidValidity = codeNumber(code);
                        case "UIDNEXT" -> uidNext = codeNumber(code);
                        case "PERMANENTFLAGS" -> permanent = codeFlags(code);
                        default -> {
                        }
                    }
                }
                default -> {
                }
            }
        }
        boolean readOnly = done.completion().codeName().equals("READ-ONLY");
        return new SelectedMailbox(exists, recent, uidValidity, uidNext, flags, permanent, readOnly);
    }

    static Map<String, Long> status(IMAP4Client.Done done) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (ServerResponse response : done.untagged()) {
            if (response.keyword().equals("STATUS") && response.values().size() == 2) {
                List<@Nullable Object> list = FetchResponses.list(response.values().get(1), "STATUS");
                for (int i = 0; i + 1 < list.size(); i += 2) {
                    items.put(FetchResponses.string(list.get(i), "STATUS item").toUpperCase(Locale.ROOT),
                            ResponseParser.number(FetchResponses.string(list.get(i + 1), "STATUS value")));
                }
            }
        }
        return Collections.unmodifiableMap(items);
    }

    static List<Long> search(IMAP4Client.Done done) {
        List<Long> found = new ArrayList<>();
        for (ServerResponse response : done.untagged()) {
            if (response.keyword().equals("SEARCH")) {
                for (Object value : response.values()) {
                    found.add(ResponseParser.number(FetchResponses.string(value, "SEARCH")));
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    static SortedMap<Long, Map<String, Object>> fetched(IMAP4Client.Done done) {
        SortedMap<Long, Map<String, Object>> messages = new TreeMap<>();
        for (ServerResponse response : done.untagged()) {
            if (response.keyword().equals("FETCH")) {
                Map<String, Object> items = FetchResponses.items(response.values());
                Map<String, Object> before = messages.get(response.number());
                if (before != null) {
                    Map<String, Object> merged = new LinkedHashMap<>(before);
                    merged.putAll(items);
                    items = Collections.unmodifiableMap(merged);
                }
                messages.put(response.number(), items);
            }
        }
        return Collections.unmodifiableSortedMap(messages);
    }

    static List<Long> expunged(IMAP4Client.Done done) {
        List<Long> gone = new ArrayList<>();
        for (ServerResponse response : done.untagged()) {
            if (response.keyword().equals("EXPUNGE")) {
                gone.add(response.number());
            }
        }
        return Collections.unmodifiableList(gone);
    }

    static @Nullable AppendUid appendUid(IMAP4Client.Done done) {
        ServerResponse completion = done.completion();
        if (!completion.codeName().equals("APPENDUID")) {
            return null;
        }
        String[] words = String.valueOf(completion.code()).split(" ");
        if (words.length != 3) {
            throw new IllegalServerResponseException("APPENDUID needs two numbers: " + completion.code());
        }
        return new AppendUid(ResponseParser.number(words[1]), ResponseParser.number(words[2]));
    }

    private static long codeNumber(@Nullable String code) {
        String[] words = String.valueOf(code).split(" ");
        if (words.length < 2) {
            throw new IllegalServerResponseException("response code without its number: " + code);
        }
        return ResponseParser.number(words[1]);
    }

    private static Set<String> codeFlags(@Nullable String code) {
        String text = String.valueOf(code);
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalServerResponseException("PERMANENTFLAGS without its list: " + code);
        }
        Set<String> flags = new LinkedHashSet<>();
        for (String flag : text.substring(open + 1, close).split(" ")) {
            if (!flag.isEmpty()) {
                flags.add(flag);
            }
        }
        return Collections.unmodifiableSet(flags);
    }
}
