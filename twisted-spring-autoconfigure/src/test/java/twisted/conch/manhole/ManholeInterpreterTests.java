package twisted.conch.manhole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import twisted.conch.manhole.Beans.Counter;
import twisted.conch.manhole.Beans.Vault;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

/** One interpreter for the class (JShell takes about a second to start); each test uses its own names. */
class ManholeInterpreterTests {

    private static final CallbackQueue callbacks = new CallbackQueue();

    private static final Counter counter = new Counter();

    private static final CountDownLatch looping = new CountDownLatch(1);

    private static ManholeInterpreter interpreter;

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeAll
    static void start() {
        Map<String, Object> namespace = new LinkedHashMap<>();
        namespace.put("counter", counter);
        namespace.put("vault", new Vault());
        namespace.put("looping", looping);
        namespace.put("greeting", (Supplier<String>) () -> "hello");
        namespace.put("hidden", new Beans.Hidden());
        namespace.put("list", new ArrayList<>(List.of("a")));
        namespace.put("not-an-identifier", "skipped");
        interpreter = ManholeInterpreter.builder().namespace(namespace).user("alice").peer("192.0.2.7:4242")
                .callbacks(callbacks).start();
        successResultOf(callbacks.await(interpreter.whenReady()));
    }

    @AfterAll
    static void close() {
        interpreter.close();
    }

    @BeforeEach
    void captureAudit() {
        this.audit.start();
        ((Logger) LoggerFactory.getLogger(ManholeInterpreter.AUDIT_LOGGER)).addAppender(this.audit);
    }

    @AfterEach
    void releaseAudit() {
        ((Logger) LoggerFactory.getLogger(ManholeInterpreter.AUDIT_LOGGER)).detachAppender(this.audit);
    }

    private static Evaluation push(ManholeInterpreter on, String line) {
        return successResultOf(callbacks.await(on.push(line)));
    }

    private static String eval(String line) {
        Evaluation evaluation = push(interpreter, line);
        assertThat(evaluation.incomplete()).as("incomplete after %s", line).isFalse();
        return evaluation.output();
    }

    private List<String> auditLines() {
        return this.audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void expressionValueIsShownAsJshellShowsIt() {
        assertThat(eval("6 * 7")).matches("\\$\\d+ ==> 42\n");
        assertThat(eval("\"a\" + \"b\"")).matches("\\$\\d+ ==> \"ab\"\n");
    }

    @Test
    void declarationsAndStatements() {
        assertThat(eval("int answer = 40 + 2;")).isEqualTo("answer ==> 42\n");
        assertThat(eval("answer = answer + 1")).isEqualTo("answer ==> 43\n");
        assertThat(eval("for (int i = 0; i < 3; i++) { answer++; }")).isEmpty();
        assertThat(eval("answer")).isEqualTo("answer ==> 46\n");
        assertThat(eval("class Point { int x; }")).isEqualTo("|  created class Point\n");
        assertThat(eval("int first = 1; int second = 2;")).isEqualTo("first ==> 1\nsecond ==> 2\n");
    }

    @Test
    void unfinishedSnippetsContinueOnTheNextLine() {
        Evaluation open = push(interpreter, "int twice(int n) {");
        assertThat(open.incomplete()).isTrue();
        assertThat(open.output()).isEmpty();
        assertThat(push(interpreter, "return 2 * n;").incomplete()).isTrue();
        assertThat(eval("}")).isEqualTo("|  created method twice(int)\n");
        assertThat(eval("twice(21)")).matches("\\$\\d+ ==> 42\n");
        assertThat(push(interpreter, "int unfinished = twice(").incomplete()).isTrue();
        assertThat(eval("4);")).isEqualTo("unfinished ==> 8\n");
    }

    @Test
    void compileErrorShowsTheDiagnosticWithACaret() {
        assertThat(eval("noSuchName + 1")).isEqualTo("""
                |  Error:
                |  cannot find symbol
                |    symbol:   variable noSuchName
                |    location: class\s
                |  noSuchName + 1
                |  ^--------^
                """);
        assertThat(auditLines()).singleElement().asString().contains("outcome=compile error");
    }

    @Test
    void exceptionShowsItsClassAndMessage() {
        assertThat(eval("Integer.parseInt(\"x1\")"))
                .startsWith("|  Exception java.lang.NumberFormatException: For input string: \"x1\"\n|        at ");
        assertThat(auditLines()).singleElement().asString().contains("outcome=exception java.lang.NumberFormatException");
    }

    @Test
    void boundObjectsAreLiveAndTypedWithoutCasts() {
        int before = counter.count();
        assertThat(eval("counter.increment()")).matches("\\$\\d+ ==> " + (before + 1) + "\n");
        assertThat(counter.count()).isEqualTo(before + 1);
        assertThat(eval("greeting.get()")).matches("\\$\\d+ ==> \"hello\"\n");
        assertThat(eval("list.add(\"b\")")).matches("\\$\\d+ ==> true\n");
        assertThat(eval("list.size()")).matches("\\$\\d+ ==> 2\n");
        assertThat(eval("hidden.get()")).matches("\\$\\d+ ==> \"from hidden\"\n");
        assertThat(eval("hidden.notInTheInterface()")).contains("variable hidden of type java.util.function.Supplier");
    }

    @Test
    void whatSnippetsPrintToOutIsShownAfterTheEvaluation() {
        assertThat(eval("out.println(\"printed\"); out.print(\"more\")")).isEqualTo("printed\nmore");
        assertThat(eval("out.println(\"again\")")).isEqualTo("again\n");
    }

    @Test
    void interruptStopsAnEndlessLoop() throws Exception {
        var running = interpreter.push("while (true) { looping.countDown(); }");
        assertThat(looping.await(60, TimeUnit.SECONDS)).isTrue();
        interpreter.interrupt();
        assertThat(successResultOf(callbacks.await(running)).output()).isEqualTo("|  Stopped.\n");
        assertThat(eval("1 + 1")).matches("\\$\\d+ ==> 2\n");
        assertThat(auditLines()).first().asString().contains("outcome=stopped");
    }

    @Test
    void interruptDiscardsAnUnfinishedSnippet() {
        assertThat(push(interpreter, "void dropped() {").incomplete()).isTrue();
        interpreter.interrupt();
        assertThat(eval("2 + 3")).matches("\\$\\d+ ==> 5\n");
        assertThat(eval("dropped()")).contains("cannot find symbol");
    }

    @Test
    void auditLogNamesUserPeerSnippetAndOutcomeButNoValue() {
        eval("vault.secret()");
        eval("vault.explode()");
        eval("String two =\n\"lines\";");
        assertThat(auditLines()).containsExactly(
                "user=alice peer=192.0.2.7:4242 outcome=ok snippet=\"vault.secret()\"",
                "user=alice peer=192.0.2.7:4242 outcome=exception java.lang.IllegalStateException snippet=\"vault.explode()\"",
                "user=alice peer=192.0.2.7:4242 outcome=ok snippet=\"String two =\\n\\\"lines\\\";\"");
        assertThat(String.join("\n", auditLines())).doesNotContain("hunter2").doesNotContain("swordfish");
        assertThat(this.audit.list).allSatisfy(event -> assertThat(event.getLevel().toString()).isEqualTo("INFO"));
    }

    @Test
    void sessionsAreIsolatedAndCloseForGood() {
        eval("int mine = 1;");
        ManholeInterpreter other = ManholeInterpreter.builder().namespace(Map.of("counter", new Counter()))
                .user("bob").callbacks(callbacks).start();
        try {
            assertThat(push(other, "mine").output()).contains("cannot find symbol");
            assertThat(push(other, "counter.increment()").output()).matches("\\$\\d+ ==> 1\n");
            assertThat(push(other, "out.print(\"bob's\")").output()).isEqualTo("bob's");
            assertThat(eval("mine")).isEqualTo("mine ==> 1\n");
        }
        finally {
            other.close();
        }
        assertThat(failureResultOf(callbacks.await(other.push("1")), IllegalStateException.class).value())
                .hasMessageContaining("closed");
        assertThat(auditLines()).contains("user=bob peer=unknown closed the manhole session");
    }
}
