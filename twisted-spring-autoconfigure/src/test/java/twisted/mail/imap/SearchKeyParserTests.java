package twisted.mail.imap;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.mail.imap.SearchKey.And;
import twisted.mail.imap.SearchKey.DateRelation;
import twisted.mail.imap.SearchKey.HasFlag;
import twisted.mail.imap.SearchKey.Header;
import twisted.mail.imap.SearchKey.LacksFlag;
import twisted.mail.imap.SearchKey.Not;
import twisted.mail.imap.SearchKey.Or;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.mail.imap.IMAPParserTests.bad;

class SearchKeyParserTests {

    private static SearchKey keys(String keys) throws IMAPParseException {
        return ((IMAPCommand.Search) IMAPParserTests.parse("a SEARCH " + keys)).criteria();
    }

    private static String reason(String keys) {
        return bad("a SEARCH " + keys).reason();
    }

    @Test
    void everyFlagKey() throws Exception {
        assertThat(keys("ANSWERED DELETED DRAFT FLAGGED RECENT SEEN")).isEqualTo(new And(List.of(
                new HasFlag("\\Answered"), new HasFlag("\\Deleted"), new HasFlag("\\Draft"), new HasFlag("\\Flagged"),
                new HasFlag("\\Recent"), new HasFlag("\\Seen"))));
        assertThat(keys("unanswered undeleted undraft unflagged unseen")).isEqualTo(new And(List.of(
                new LacksFlag("\\Answered"), new LacksFlag("\\Deleted"), new LacksFlag("\\Draft"),
                new LacksFlag("\\Flagged"), new LacksFlag("\\Seen"))));
        assertThat(keys("KEYWORD $Junk UNKEYWORD $NotJunk")).isEqualTo(new And(List.of(new HasFlag("$Junk"),
                new LacksFlag("$NotJunk"))));
        assertThat(keys("NEW")).isEqualTo(new And(List.of(new HasFlag("\\Recent"), new LacksFlag("\\Seen"))));
        assertThat(keys("OLD")).isEqualTo(new LacksFlag("\\Recent"));
        assertThat(keys("ALL")).isEqualTo(new SearchKey.All());
        assertThat(reason("KEYWORD \\Seen")).endsWith("Expected an atom");
    }

    @Test
    void everyStringKey() throws Exception {
        assertThat(keys("BCC a CC b FROM c SUBJECT \"d e\" TO {1+}\r\nf")).isEqualTo(new And(List.of(
                new Header("BCC", "a"), new Header("CC", "b"), new Header("FROM", "c"), new Header("SUBJECT", "d e"),
                new Header("TO", "f"))));
        assertThat(keys("HEADER X-Mailer \"\" BODY x TEXT y")).isEqualTo(new And(List.of(
                new Header("X-Mailer", ""), new SearchKey.Body("x"), new SearchKey.Text("y"))));
        assertThat(keys("SUBJECT {5}\r\n\u00e9t\u00e9")).isEqualTo(new Header("SUBJECT", "\u00e9t\u00e9"));
        assertThat(reason("FROM")).endsWith("Missing argument");
        assertThat(reason("HEADER X-Mailer")).endsWith("Missing argument");
    }

    @Test
    void everyDateKeyInRfc3501DateFormat() throws Exception {
        LocalDate date = LocalDate.of(1994, 2, 1);
        assertThat(keys("BEFORE 1-Feb-1994 ON \"01-feb-1994\" SINCE 1-FEB-1994")).isEqualTo(new And(List.of(
                new SearchKey.InternalDate(DateRelation.BEFORE, date), new SearchKey.InternalDate(DateRelation.ON, date),
                new SearchKey.InternalDate(DateRelation.SINCE, date))));
        assertThat(keys("SENTBEFORE 29-Feb-2024 SENTON 31-Dec-1999 SENTSINCE 1-Jan-2000")).isEqualTo(new And(List.of(
                new SearchKey.SentDate(DateRelation.BEFORE, LocalDate.of(2024, 2, 29)),
                new SearchKey.SentDate(DateRelation.ON, LocalDate.of(1999, 12, 31)),
                new SearchKey.SentDate(DateRelation.SINCE, LocalDate.of(2000, 1, 1)))));
        for (String badDate : new String[] {"29-Feb-2023", "1-Feb-94", "001-Feb-1994", "1-February-1994", "1/Feb/1994",
            "\"1-Feb-1994", "1-Feb-1994-1", "x-Feb-1994", "0-Feb-1994", "32-Jan-2000"}) {
            assertThat(bad("a SEARCH SINCE " + badDate).reason()).as(badDate).containsAnyOf("date", "Invalid");
        }
    }

    @Test
    void sizesAndSetsAndUids() throws Exception {
        assertThat(keys("LARGER 0 SMALLER 4294967295")).isEqualTo(new And(List.of(new SearchKey.Larger(0),
                new SearchKey.Smaller(4294967295L))));
        assertThat(keys("1:* UID 5:2,*")).isEqualTo(new And(List.of(new SearchKey.SequenceNumbers(SequenceSet.parse("1:*")),
                new SearchKey.Uids(SequenceSet.parse("5:2,*")))));
        assertThat(keys("*")).isEqualTo(new SearchKey.SequenceNumbers(SequenceSet.parse("*")));
        assertThat(reason("LARGER 4294967296")).endsWith("Number out of range");
        assertThat(reason("LARGER -1")).endsWith("Expected a number");
        assertThat(reason("UID 0")).endsWith("Sequence number 0 is not allowed");
        assertThat(reason("UID 1:4294967296")).endsWith("Sequence number out of range");
        assertThat(reason("UID")).endsWith("Missing argument");
        assertThat(reason("0")).endsWith("Sequence number 0 is not allowed");
    }

    @Test
    void notOrAndParenthesesNest() throws Exception {
        assertThat(keys("NOT SEEN")).isEqualTo(new Not(new HasFlag("\\Seen")));
        assertThat(keys("OR SEEN FLAGGED")).isEqualTo(new Or(new HasFlag("\\Seen"), new HasFlag("\\Flagged")));
        assertThat(keys("OR OR FROM a FROM b FROM c")).isEqualTo(new Or(new Or(new Header("FROM", "a"),
                new Header("FROM", "b")), new Header("FROM", "c")));
        assertThat(keys("OR (SEEN FLAGGED) NOT (DELETED)")).isEqualTo(new Or(
                new And(List.of(new HasFlag("\\Seen"), new HasFlag("\\Flagged"))),
                new Not(new And(List.of(new HasFlag("\\Deleted"))))));
        assertThat(keys("NOT NOT OR 1 UID 2")).isEqualTo(new Not(new Not(new Or(
                new SearchKey.SequenceNumbers(SequenceSet.parse("1")), new SearchKey.Uids(SequenceSet.parse("2"))))));
        assertThat(keys("((ALL))")).isEqualTo(new And(List.of(new And(List.of(new SearchKey.All())))));
        assertThat(reason("OR SEEN")).endsWith("Missing argument");
        assertThat(reason("NOT")).endsWith("Missing argument");
        assertThat(reason("(SEEN")).endsWith("Expected ')' closing the search keys");
        assertThat(reason("()")).endsWith("Expected an atom");
        assertThat(reason("SEEN)")).endsWith("Unexpected extra arguments");
        assertThat(reason("SEEN  FLAGGED")).endsWith("Expected an atom");
        assertThat(reason("XYZZY")).endsWith("Unknown search key");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        IMAPParser shallow = new IMAPParser(3);
        assertThat(shallow.parse(RawCommand.of("a SEARCH NOT NOT SEEN"))).isNotNull();
        assertThat(shallow.parse(RawCommand.of("a SEARCH OR (SEEN) NOT DRAFT"))).isNotNull();
        for (String deep : new String[] {"NOT NOT NOT SEEN", "(((SEEN)))", "OR SEEN OR SEEN NOT SEEN"}) {
            try {
                shallow.parse(RawCommand.of("a SEARCH " + deep));
                throw new AssertionError(deep);
            }
            catch (IMAPParseException ex) {
                assertThat(ex.reason()).as(deep).endsWith("Search criteria nested too deeply");
            }
        }
        // the default limit stops a stack-busting nest long before the stack is in danger
        assertThat(reason("NOT ".repeat(2000) + "SEEN")).endsWith("Search criteria nested too deeply");
        assertThat(reason("(".repeat(2000) + "SEEN" + ")".repeat(2000))).endsWith("Search criteria nested too deeply");
        assertThat(keys("NOT ".repeat(IMAPParser.DEFAULT_MAX_SEARCH_DEPTH - 1) + "SEEN")).isInstanceOf(Not.class);
    }
}
