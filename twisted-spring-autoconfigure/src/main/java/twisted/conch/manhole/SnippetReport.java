package twisted.conch.manhole;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Shows the result of one evaluated snippet as the {@code jshell} tool does ({@code $1 ==> 42},
 * {@code |  created method twice(int)}, {@code |  Exception ...}, {@code |  Error: ...}), and
 * names its outcome for the audit log without any value.
 *
 * @param text what to show, lines ended by {@code "\n"}
 * @param outcome {@code ok}, {@code exception <class>}, {@code compile error} or {@code stopped}
 */
record SnippetReport(String text, String outcome) {

    /** Longest value shown; a longer {@code toString()} is cut, with a note. */
    static final int MAX_VALUE = 10_000;

    private static final int MAX_FRAMES = 6;

    static SnippetReport stopped() {
        return new SnippetReport("|  Stopped.\n", "stopped");
    }

    static SnippetReport of(JShell shell, SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (event.exception() != null) {
            return exception(shell, event.exception());
        }
        if (event.status() == Snippet.Status.REJECTED) {
            return new SnippetReport(errors(shell, snippet), "compile error");
        }
        return new SnippetReport(success(shell, event, snippet), "ok");
    }

    private static String success(JShell shell, SnippetEvent event, Snippet snippet) {
        if (snippet instanceof VarSnippet variable) {
            return variable.name() + " ==> " + value(event.value()) + "\n";
        }
        if (snippet instanceof ExpressionSnippet expression) {
            return expression.name() + " ==> " + value(event.value()) + "\n";
        }
        String verb = (event.previousStatus() == Snippet.Status.NONEXISTENT) ? "created" : "modified";
        if (snippet instanceof MethodSnippet method) {
            return "|  " + verb + " method " + method.name() + "(" + method.parameterTypes() + ")" + unresolved(shell, snippet);
        }
        if (snippet instanceof TypeDeclSnippet type) {
            String kind = type.subKind().name().replace("_SUBKIND", "").toLowerCase(Locale.ROOT);
            return "|  " + verb + " " + kind + " " + type.name() + unresolved(shell, snippet);
        }
        return "";
    }

    /** ", however, it cannot be used until method q() is declared", as the jshell tool says it. */
    private static String unresolved(JShell shell, Snippet snippet) {
        List<String> missing = (snippet instanceof jdk.jshell.DeclarationSnippet declaration)
                ? shell.unresolvedDependencies(declaration).toList() : List.of();
        String text = missing.isEmpty() ? "" : ", however, it cannot be used until " + String.join(", ", missing)
                + " is declared";
        return text + "\n";
    }

    private static String value(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() > MAX_VALUE) {
            return value.substring(0, MAX_VALUE) + "... (" + (value.length() - MAX_VALUE) + " more characters)";
        }
        return value;
    }

    private static SnippetReport exception(JShell shell, Throwable thrown) {
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            return new SnippetReport("|  Attempted to use " + unresolved.getSnippet().source().strip()
                    + ", which cannot be used until " + String.join(", ",
                            shell.unresolvedDependencies(unresolved.getSnippet()).toList()) + " is declared\n",
                    "unresolved reference");
        }
        StringBuilder text = new StringBuilder();
        String prefix = "|  Exception ";
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(prefix).append(className(t));
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().replace("\n", "\n|  "));
            }
            text.append('\n');
            int shown = 0;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (shown == MAX_FRAMES) {
                    text.append("|        ...\n");
                    break;
                }
                if (frame.getClassName().startsWith("REPL.")) {
                    break;
                }
                text.append("|        at ").append(frame).append('\n');
                shown++;
            }
            prefix = "|  Caused by: ";
        }
        return new SnippetReport(text.toString(), "exception " + className(thrown));
    }

    private static String className(Throwable t) {
        return (t instanceof EvalException eval) ? eval.getExceptionClassName() : t.getClass().getName();
    }

    private static String errors(JShell shell, Snippet snippet) {
        String source = snippet.source();
        return shell.diagnostics(snippet).filter(Diag::isError).map(diag -> {
            StringBuilder text = new StringBuilder("|  Error:\n");
            for (String line : diag.getMessage(Locale.ROOT).split("\n")) {
                text.append("|  ").append(line).append('\n');
            }
            text.append(excerpt(source, (int) diag.getStartPosition(), (int) diag.getEndPosition()));
            return text.toString();
        }).collect(Collectors.joining());
    }

    /** The source line of the error with a caret under it, as the jshell tool shows it. */
    private static String excerpt(String source, int start, int end) {
        if (start < 0 || start > source.length()) {
            return "";
        }
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int caretEnd = Math.max(start, Math.min(Math.max(end, start + 1), lineEnd) - 1);
        StringBuilder caret = new StringBuilder("|  ");
        caret.append(" ".repeat(start - lineStart));
        caret.append(caretEnd > start ? "^" + "-".repeat(caretEnd - start - 1) + "^" : "^");
        return "|  " + source.substring(lineStart, lineEnd) + "\n" + caret + "\n";
    }
}
