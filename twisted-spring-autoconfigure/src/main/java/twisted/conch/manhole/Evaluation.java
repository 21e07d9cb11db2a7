package twisted.conch.manhole;

import java.util.Objects;

/**
 * What one line pushed into a {@link ManholeInterpreter} produced.
 *
 * @param output what to show, lines ended by {@code "\n"}, possibly empty: the values of
 *        expressions ({@code "$1 ==> 42\n"}), what the snippets printed to {@code out},
 *        exceptions and compile errors
 * @param incomplete whether the input so far is an unfinished snippet (an open brace, a
 *        statement without its end): the next line continues it, and a shell shows its
 *        continuation prompt
 * @since 0.1.0
 */
public record Evaluation(String output, boolean incomplete) {

    /**
     * Checks the output is there.
     */
    public Evaluation {
        Objects.requireNonNull(output, "output");
    }
}
