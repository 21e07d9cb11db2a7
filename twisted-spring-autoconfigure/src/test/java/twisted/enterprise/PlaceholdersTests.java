package twisted.enterprise;

import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaceholdersTests {

    private static final BindMarkersFactory DOLLAR = BindMarkersFactory.indexed("$", 1);

    private static final BindMarkersFactory QUESTION = BindMarkersFactory.anonymous("?");

    private static final BindMarkersFactory AT = BindMarkersFactory.named("@", "P", 32);

    private static String rewrite(String sql, int arguments) {
        return Placeholders.rewrite(sql, DOLLAR, arguments);
    }

    @Test
    void questionMarksBecomeTheDriversIndexedMarkersInOrder() {
        assertThat(rewrite("INSERT INTO users (email, name) VALUES (?, ?)", 2))
                .isEqualTo("INSERT INTO users (email, name) VALUES ($1, $2)");
        assertThat(rewrite("SELECT name FROM users WHERE email=?", 1)).isEqualTo("SELECT name FROM users WHERE email=$1");
    }

    @Test
    void otherDriversGetTheirOwnMarkers() {
        assertThat(Placeholders.rewrite("VALUES (?, ?)", QUESTION, 2)).isEqualTo("VALUES (?, ?)");
        assertThat(Placeholders.rewrite("VALUES (?, ?)", AT, 2)).startsWith("VALUES (@P0").contains(", @P1");
    }

    @Test
    void questionMarksInsideLiteralsIdentifiersAndCommentsAreText() {
        assertThat(rewrite("SELECT '?', 'it''s ?', \"what?\" FROM t WHERE a = ?", 1))
                .isEqualTo("SELECT '?', 'it''s ?', \"what?\" FROM t WHERE a = $1");
        assertThat(rewrite("SELECT a -- why?\nFROM t /* how? */ WHERE b = ?", 1))
                .isEqualTo("SELECT a -- why?\nFROM t /* how? */ WHERE b = $1");
        assertThat(rewrite("SELECT E'it\\'s ?' WHERE a = ?", 1)).isEqualTo("SELECT E'it\\'s ?' WHERE a = $1");
    }

    @Test
    void dollarQuotedStringsAreTextButNativeMarkersAndNamesAreNot() {
        assertThat(rewrite("SELECT $$ ? $$, $body$ ? $x$ ? $body$ WHERE a = ?", 1))
                .isEqualTo("SELECT $$ ? $$, $body$ ? $x$ ? $body$ WHERE a = $1");
        assertThat(rewrite("SELECT col$1 FROM t$x WHERE a = ?", 1)).isEqualTo("SELECT col$1 FROM t$x WHERE a = $1");
    }

    @Test
    void doubledQuestionMarkIsOneLiteralQuestionMark() {
        assertThat(rewrite("SELECT doc ?? 'key', doc ??| array['a'] FROM t WHERE id = ?", 1))
                .isEqualTo("SELECT doc ? 'key', doc ?| array['a'] FROM t WHERE id = $1");
    }

    @Test
    void statementWithoutQuestionMarksPassesThroughSoNativeMarkersWork() {
        assertThat(rewrite("SELECT name FROM users WHERE email = $1", 1)).isEqualTo("SELECT name FROM users WHERE email = $1");
        assertThat(rewrite("SELECT 1", 0)).isEqualTo("SELECT 1");
    }

    @Test
    void unterminatedQuotesAndCommentsRunToTheEnd() {
        assertThat(rewrite("SELECT 'open ?", 0)).isEqualTo("SELECT 'open ?");
        assertThat(rewrite("SELECT 1 /* open ?", 0)).isEqualTo("SELECT 1 /* open ?");
        assertThat(rewrite("SELECT 1 -- ?", 0)).isEqualTo("SELECT 1 -- ?");
    }

    @Test
    void wrongNumberOfArgumentsNamesBothCountsAndTheStatement() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> rewrite("VALUES (?, ?)", 1))
                .withMessage("the statement has 2 '?' placeholders but 1 argument was given: VALUES (?, ?)");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> rewrite("WHERE a = ?", 3))
                .withMessage("the statement has 1 '?' placeholder but 3 arguments were given: WHERE a = ?");
    }
}
