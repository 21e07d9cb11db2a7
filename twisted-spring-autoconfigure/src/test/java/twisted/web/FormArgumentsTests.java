package twisted.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Query strings and urlencoded bodies parsed as Twisted's {@code parse_qs(keep_blank_values=True)} does. */
class FormArgumentsTests {

    private static Map<String, List<String>> parse(String encoded) {
        return FormArguments.parse(encoded, StandardCharsets.UTF_8);
    }

    @Test
    void aNameWithoutEqualsHasTheEmptyValue() {
        assertThat(parse("flag")).containsExactly(Map.entry("flag", List.of("")));
        assertThat(parse("flag&x=1&empty=")).containsExactly(Map.entry("flag", List.of("")), Map.entry("x", List.of("1")),
                Map.entry("empty", List.of("")));
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        assertThat(parse("a=1&b=2&a=3")).containsExactly(Map.entry("a", List.of("1", "3")), Map.entry("b", List.of("2")));
    }

    @Test
    void emptyPairsAreSkipped() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("&&a=1&&")).containsExactly(Map.entry("a", List.of("1")));
    }

    @Test
    void plusIsASpaceAndEscapesAreDecodedAsTheCharset() {
        assertThat(parse("q=a+b%2Bc%20d&%C3%A9=%E2%82%AC&eq=a%3Db=c")).containsExactly(
                Map.entry("q", List.of("a b+c d")), Map.entry("\u00e9", List.of("\u20ac")), Map.entry("eq", List.of("a=b=c")));
        assertThat(FormArguments.parse("n=%E9", StandardCharsets.ISO_8859_1)).containsEntry("n", List.of("\u00e9"));
    }

    @Test
    void aMalformedEscapeStaysAsSent() {
        assertThat(parse("a=%zz&b=%4&c=%&d=100%")).containsExactly(Map.entry("a", List.of("%zz")),
                Map.entry("b", List.of("%4")), Map.entry("c", List.of("%")), Map.entry("d", List.of("100%")));
    }

    @Test
    void charactersSentUnencodedArriveAsThemselves() {
        assertThat(parse("name=J\u00e9r\u00f4me&emoji=\ud83d\ude00+x")).containsExactly(
                Map.entry("name", List.of("J\u00e9r\u00f4me")), Map.entry("emoji", List.of("\ud83d\ude00 x")));
    }
}
