package twisted.mail.imap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SequenceSetTests {

    @Test
    void numbersRangesAndListsHoldWhatTheySay() {
        SequenceSet set = SequenceSet.parse("1,3:5,9");
        assertThat(set.stream(20).toArray()).containsExactly(1, 3, 4, 5, 9);
        assertThat(set.contains(4, 20)).isTrue();
        assertThat(set.contains(6, 20)).isFalse();
        assertThat(set.size(20)).isEqualTo(5);
        assertThat(set).hasToString("1,3:5,9");
    }

    @Test
    void aReversedRangeIsTheSameRange() {
        assertThat(SequenceSet.parse("5:2").stream(10).toArray()).containsExactly(2, 3, 4, 5);
        assertThat(SequenceSet.parse("5:2").contains(2, 10)).isTrue();
        assertThat(SequenceSet.parse("5:2")).hasToString("5:2");
    }

    @Test
    void starIsTheLargestValue() {
        assertThat(SequenceSet.parse("*").stream(7).toArray()).containsExactly(7);
        assertThat(SequenceSet.parse("5:*").stream(7).toArray()).containsExactly(5, 6, 7);
        assertThat(SequenceSet.parse("*:5").stream(7).toArray()).containsExactly(5, 6, 7);
    }

    @Test
    void aRangeFromAboveTheLargestToStarHoldsTheLargest() {
        // RFC 3501 6.4.8: UID 4000:* in a mailbox whose last UID is 3999 answers for 3999
        SequenceSet set = SequenceSet.parse("4000:*");
        assertThat(set.contains(3999, 3999)).isTrue();
        assertThat(set.contains(3998, 3999)).isFalse();
        assertThat(set.stream(3999).toArray()).containsExactly(3999);
    }

    @Test
    void starInAnEmptyMailboxHoldsNothing() {
        assertThat(SequenceSet.parse("1:*").stream(0).toArray()).isEmpty();
        assertThat(SequenceSet.parse("5:*").contains(3, 0)).isFalse();
        assertThat(SequenceSet.parse("*").size(0)).isZero();
    }

    @Test
    void overlappingRangesAreMergedAndValuesComeOnceAscending() {
        SequenceSet set = SequenceSet.parse("8,2:4,3:6,1,10:9");
        assertThat(set.stream(100).toArray()).containsExactly(1, 2, 3, 4, 5, 6, 8, 9, 10);
        assertThat(set.size(100)).isEqualTo(9);
    }

    @Test
    void valuesAboveTheLargestAreLeftOutButCheckedForMessageNumbers() {
        SequenceSet set = SequenceSet.parse("2,5:9");
        assertThat(set.stream(6).toArray()).containsExactly(2, 5, 6);
        assertThat(set.isWithin(6)).isFalse();
        assertThat(set.isWithin(9)).isTrue();
        assertThat(SequenceSet.parse("1:*").isWithin(0)).as("1 names a message an empty mailbox lacks").isFalse();
        assertThat(SequenceSet.parse("*").isWithin(0)).isTrue();
    }

    @Test
    void aMillionMessagesAreOneRangeNotAMillionValues() {
        SequenceSet set = SequenceSet.parse("1:*");
        assertThat(set.size(1_000_000)).isEqualTo(1_000_000);
        assertThat(set.stream(1_000_000).sum()).isEqualTo(1_000_000L * 1_000_001 / 2);
        SequenceSet all = SequenceSet.parse("1:4294967295");
        assertThat(all.size(SequenceSet.MAX_VALUE)).isEqualTo(SequenceSet.MAX_VALUE);
        assertThat(all.contains(SequenceSet.MAX_VALUE, SequenceSet.MAX_VALUE)).isTrue();
        assertThat(all.iterator(SequenceSet.MAX_VALUE).nextLong()).isEqualTo(1);
    }

    @Test
    void zeroIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SequenceSet.parse("0"))
                .withMessage("Sequence number 0 is not allowed");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SequenceSet.parse("1:0"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SequenceSet.parse("00"));
    }

    @Test
    void valuesAbove32BitsAreRefused() {
        assertThat(SequenceSet.parse("4294967295").contains(4294967295L, 1)).isTrue();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SequenceSet.parse("4294967296"))
                .withMessage("Sequence number out of range");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> SequenceSet.parse("99999999999999999999999"));
    }

    @Test
    void malformedSetsAreRefused() {
        for (String bad : new String[] {"", ",", "1,", ",1", "1:", ":1", "1::2", "1:2:3", "a", "1 2", "-1", "+1",
            "**", "1,,2", "*1"}) {
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad).isThrownBy(() -> SequenceSet.parse(bad));
        }
    }

    @Test
    void dollarIsNotSupported() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SequenceSet.parse("$"))
                .withMessageContaining("SEARCHRES");
    }

    @Test
    void setsAreEqualWhenWrittenAlike() {
        assertThat(SequenceSet.parse("1:3")).isEqualTo(SequenceSet.range(1, 3)).hasSameHashCodeAs(SequenceSet.range(1, 3));
        assertThat(SequenceSet.parse("3:1")).isNotEqualTo(SequenceSet.parse("1:3"));
        assertThat(SequenceSet.range(4, 0)).hasToString("4:*");
    }
}
