package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import twisted.mail.MessageInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@link SearchEvaluator} with keys as {@link IMAPParser} parses them from {@code SEARCH} commands. */
class SearchEvaluatorTests {

    private static final String MESSAGE = "Date: Mon, 7 Apr 2025 23:30:00 -0700\r\n"
            + "From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.org>\r\nTo: Bob <bob@example.net>\r\n"
            + "Cc: carol@example.com\r\nBcc: dave@example.com\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from Köln\r\n"
            + "X-Mailer: Twisted\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\nThe caf=C3=A9 opens at NOON.\r\n";

    /** UID 7, seen and flagged with a keyword, received 2025-04-08 00:00:00 UTC, 1,000 octets. */
    private static final MessageInfo INFO = new MessageInfo(7, Set.of("\\Seen", "\\Flagged", "$Work"),
            Instant.parse("2025-04-08T00:00:00Z"), 1000);

    private final AtomicInteger reads = new AtomicInteger();

    private final Supplier<MessageStructure> structure = () -> {
        this.reads.incrementAndGet();
        return MessageStructure.parse(MESSAGE.getBytes(StandardCharsets.UTF_8));
    };

    private boolean matches(String criteria) throws IMAPParseException {
        return matches(criteria, 3, INFO, 10, 5);
    }

    private boolean matches(String criteria, int sequenceNumber, MessageInfo info, long largestUid, int count)
            throws IMAPParseException {
        IMAPCommand.Search search = (IMAPCommand.Search) new IMAPParser().parse(command(criteria));
        return SearchEvaluator.matches(search.criteria(), sequenceNumber, info, largestUid, count, this.structure);
    }

    /** The command; 8-bit text may only come in a literal, so an 8-bit last word is sent as one. */
    private static RawCommand command(String criteria) {
        String line = "a SEARCH " + criteria;
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(line)) {
            return RawCommand.of(line);
        }
        int space = line.lastIndexOf(' ');
        return new RawCommand(List.of(line.substring(0, space + 1).getBytes(StandardCharsets.US_ASCII), new byte[0]),
                List.of(line.substring(space + 1).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void flagKeysNeverReadTheMessage() throws Exception {
        assertThat(matches("ALL")).isTrue();
        assertThat(matches("SEEN")).isTrue();
        assertThat(matches("UNSEEN")).isFalse();
        assertThat(matches("FLAGGED")).isTrue();
        assertThat(matches("UNFLAGGED")).isFalse();
        assertThat(matches("ANSWERED")).isFalse();
        assertThat(matches("UNANSWERED")).isTrue();
        assertThat(matches("DELETED")).isFalse();
        assertThat(matches("UNDELETED")).isTrue();
        assertThat(matches("DRAFT")).isFalse();
        assertThat(matches("UNDRAFT")).isTrue();
        assertThat(matches("RECENT")).isFalse();
        assertThat(matches("OLD")).isTrue();
        assertThat(matches("NEW")).isFalse();
        assertThat(matches("KEYWORD $Work")).isTrue();
        assertThat(matches("KEYWORD $work")).isTrue();
        assertThat(matches("UNKEYWORD $Work")).isFalse();
        assertThat(matches("KEYWORD $Home")).isFalse();
        assertThat(matches("LARGER 999 SMALLER 1001")).isTrue();
        assertThat(matches("LARGER 1000")).isFalse();
        assertThat(matches("SMALLER 1000")).isFalse();
        assertThat(matches("BEFORE 9-Apr-2025 SINCE 8-Apr-2025 ON 8-Apr-2025 1:* UID 7")).isTrue();
        assertThat(this.reads).hasValue(0);
    }

    @Test
    void newIsRecentAndUnseen() throws Exception {
        MessageInfo fresh = new MessageInfo(1, Set.of("\\Recent"), INFO.internalDate(), 10);
        assertThat(matches("NEW", 1, fresh, 1, 1)).isTrue();
        assertThat(matches("OLD", 1, fresh, 1, 1)).isFalse();
        assertThat(matches("RECENT", 1, fresh, 1, 1)).isTrue();
    }

    @Test
    void internalDateComparesTheDateAtMidnightBoundaries() throws Exception {
        // received at 00:00:00 on 8 April (UTC): on the 8th, since the 8th, before the 9th
        assertThat(matches("ON 8-Apr-2025")).isTrue();
        assertThat(matches("ON 7-Apr-2025")).isFalse();
        assertThat(matches("SINCE 8-Apr-2025")).isTrue();
        assertThat(matches("SINCE 9-Apr-2025")).isFalse();
        assertThat(matches("BEFORE 8-Apr-2025")).isFalse();
        assertThat(matches("BEFORE 9-Apr-2025")).isTrue();
        MessageInfo lastSecond = new MessageInfo(7, Set.of(), Instant.parse("2025-04-07T23:59:59Z"), 1);
        assertThat(matches("ON 7-Apr-2025", 1, lastSecond, 7, 1)).isTrue();
        assertThat(matches("BEFORE 8-Apr-2025", 1, lastSecond, 7, 1)).isTrue();
    }

    @Test
    void sentDateIsTheDateAsWrittenIgnoringTimeAndZone() throws Exception {
        // Date: Mon, 7 Apr 2025 23:30:00 -0700 is the 8th in UTC, but the 7th as written
        assertThat(matches("SENTON 7-Apr-2025")).isTrue();
        assertThat(matches("SENTON 8-Apr-2025")).isFalse();
        assertThat(matches("SENTBEFORE 8-Apr-2025")).isTrue();
        assertThat(matches("SENTBEFORE 7-Apr-2025")).isFalse();
        assertThat(matches("SENTSINCE 7-Apr-2025")).isTrue();
        assertThat(matches("SENTSINCE 8-Apr-2025")).isFalse();
    }

    @Test
    void aMessageWithoutDateMatchesNoSentKey() throws Exception {
        Supplier<MessageStructure> undated = () -> MessageStructure.parse("Subject: x\r\n\r\n".getBytes(
                StandardCharsets.US_ASCII));
        for (String key : new String[] {"SENTON 1-Jan-2025", "SENTBEFORE 1-Jan-3000", "SENTSINCE 1-Jan-1900"}) {
            SearchKey parsed = ((IMAPCommand.Search) new IMAPParser().parse(RawCommand.of("a SEARCH " + key)))
                    .criteria();
            assertThat(SearchEvaluator.matches(parsed, 1, INFO, 7, 1, undated)).as(key).isFalse();
        }
    }

    @Test
    void sequenceNumbersWithStar() throws Exception {
        assertThat(matches("3")).isTrue();
        assertThat(matches("1,2,4:*")).isFalse();
        assertThat(matches("*", 5, INFO, 10, 5)).isTrue();
        assertThat(matches("*", 4, INFO, 10, 5)).isFalse();
        assertThat(matches("4:*", 5, INFO, 10, 5)).isTrue();
        assertThat(matches("*:4", 5, INFO, 10, 5)).isTrue();
    }

    @Test
    void uidSetsWithStar() throws Exception {
        assertThat(matches("UID 7")).isTrue();
        assertThat(matches("UID 1:6,8:9")).isFalse();
        assertThat(matches("UID *")).isFalse();
        assertThat(matches("UID *", 3, INFO, 7, 5)).isTrue();
        // a UID beyond the largest: "n:*" still holds the largest (RFC 3501 section 6.4.8)
        assertThat(matches("UID 100:*", 3, INFO, 7, 5)).isTrue();
    }

    @Test
    void starInAnEmptyMailboxMatchesNothing() throws Exception {
        // with no messages there is nothing to evaluate, but a key with * must not match a phantom
        MessageInfo none = new MessageInfo(1, Set.of(), INFO.internalDate(), 1);
        assertThat(SequenceSet.parse("*").contains(0, 0)).isFalse();
        assertThat(matches("UID *", 1, none, 0, 0)).isFalse();
        assertThat(matches("*", 1, none, 0, 0)).isFalse();
    }

    @Test
    void headerKeysAreCaseInsensitiveSubstringsOfDecodedValues() throws Exception {
        assertThat(matches("CHARSET UTF-8 FROM andré")).isTrue();
        assertThat(matches("CHARSET UTF-8 SUBJECT GRÜSSE")).isTrue(); // full case folding: ß is SS
        assertThat(matches("CHARSET UTF-8 SUBJECT grüße")).isTrue();
        assertThat(matches("CHARSET UTF-8 SUBJECT KÖLN")).isTrue();
        assertThat(matches("FROM ANDRE@EXAMPLE")).isTrue();
        assertThat(matches("TO bob")).isTrue();
        assertThat(matches("TO carol")).isFalse();
        assertThat(matches("CC carol")).isTrue();
        assertThat(matches("BCC dave")).isTrue();
        assertThat(matches("HEADER X-Mailer twist")).isTrue();
        assertThat(matches("HEADER x-mailer \"\"")).isTrue();
        assertThat(matches("HEADER X-Other \"\"")).isFalse();
        assertThat(this.reads.get()).isPositive();
    }

    @Test
    void bodyAndTextSearchTheDecodedText() throws Exception {
        assertThat(matches("BODY noon")).isTrue();
        assertThat(matches("CHARSET UTF-8 BODY CAFÉ")).isTrue();
        assertThat(matches("BODY caf=C3")).isFalse();
        assertThat(matches("BODY Twisted")).isFalse();
        assertThat(matches("TEXT Twisted")).isTrue();
        assertThat(matches("TEXT noon")).isTrue();
        assertThat(matches("TEXT nowhere")).isFalse();
    }

    @Test
    void notOrAndNest() throws Exception {
        assertThat(matches("NOT SEEN")).isFalse();
        assertThat(matches("NOT NOT SEEN")).isTrue();
        assertThat(matches("OR ANSWERED SEEN")).isTrue();
        assertThat(matches("OR ANSWERED DRAFT")).isFalse();
        assertThat(matches("OR (ANSWERED DRAFT) (SEEN FLAGGED)")).isTrue();
        assertThat(matches("NOT OR ANSWERED (SEEN NOT FLAGGED)")).isTrue();
        assertThat(matches("SEEN (FLAGGED (UID 7 NOT DELETED))")).isTrue();
        assertThat(matches("SEEN (FLAGGED (UID 7 DELETED))")).isFalse();
        assertThat(matches("OR OR DRAFT DELETED OR ANSWERED NOT UID 7")).isFalse();
    }

    @Test
    void theStructureIsReadOnceAndOnlyWhenNeeded() throws Exception {
        assertThat(matches("DRAFT SUBJECT x")).isFalse();
        assertThat(this.reads).hasValue(0); // And stops at the first key that fails
        assertThat(matches("SUBJECT from FROM andre BODY noon")).isTrue();
        assertThat(this.reads).hasValue(1);
    }

    @Test
    void aFailingSupplierFailsTheSearch() throws Exception {
        SearchKey subject = new SearchKey.Header("SUBJECT", "x");
        assertThatIllegalStateException().isThrownBy(() -> SearchEvaluator.matches(subject, 1, INFO, 7, 1, () -> {
            throw new IllegalStateException("cannot read");
        }));
    }
}
