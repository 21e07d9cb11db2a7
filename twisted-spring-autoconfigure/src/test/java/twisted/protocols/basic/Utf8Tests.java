package twisted.protocols.basic;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

    @Test
    void countsOneToFourBytesACharacter() {
        assertThat(Utf8.encodedLength("")).isZero();
        assertThat(Utf8.encodedLength("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void agreesWithTheEncoderOnWellFormedText() {
        Random random = new Random(16);
        int[] ranges = { 0x7f, 0x7ff, 0xffff, 0x10ffff };
        for (int run = 0; run < 1_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                int codePoint;
                do {
                    codePoint = random.nextInt(ranges[random.nextInt(ranges.length)] + 1);
                }
                while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                text.appendCodePoint(codePoint);
            }
            assertThat(Utf8.encodedLength(text)).as(text.toString())
                    .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void anUnpairedSurrogateCountsAtMostWhatAnEncoderWrites() {
        assertThat(Utf8.encodedLength("\ud83d")).isEqualTo(3);
        assertThat(Utf8.encodedLength("\ude00x")).isEqualTo(4);
        assertThat(Utf8.encodedLength("\ud83d")).isGreaterThanOrEqualTo("\ud83d".getBytes(StandardCharsets.UTF_8).length);
    }
}
