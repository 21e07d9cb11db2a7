package twisted.conch.manhole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;

/**
 * One administrator's JShell session inside this JVM, with live objects in scope: Twisted's
 * {@code ManholeInterpreter}, in Java.
 *
 * <pre>{@code
 * ManholeInterpreter interpreter = ManholeInterpreter.builder()
 *         .namespace(Map.of("context", applicationContext, "reactor", reactor))
 *         .user("alice").peer(transport.getPeer().toString())
 *         .callbacks(reactor)
 *         .start();
 * interpreter.push("reactor.getStatistics()").addCallback(evaluation -> ...);
 * }</pre>
 *
 * <h2>Scope</h2>
 * Each name of the namespace that is a Java identifier becomes a {@code static final} field in
 * scope, typed by the most specific public class or interface of its object that the compiler
 * can see (a Spring proxy's target class or interfaces, a lambda's interface), so
 * {@code reactor.getStatistics()} needs no cast. {@code out} is a {@link java.io.PrintStream}
 * private to the session: what a snippet prints to it is shown after the evaluation (at most 1 MiB
 * each time). {@code System.out} is the JVM's, shared by everything in it, and is <em>not</em>
 * redirected: what a snippet prints there goes to the application's console. The jshell tool's
 * usual imports ({@code java.util.*}, {@code java.util.stream.*}, {@code java.io.*} ...) are made.
 *
 * <h2>Threads</h2>
 * Snippets run in this JVM (JShell's local execution engine, with the application's class loader
 * as the snippets' parent) on the session's own thread, never the caller's: {@link #push} returns
 * at once and its Deferred fires through the {@code callbacks} executor (pass the reactor, so it
 * fires on the reactor thread). Pushes are evaluated one after the other, in order. Start-up (a
 * JShell, and one compilation for the whole namespace) takes about a second and happens on that
 * thread too; pushes wait for it. {@link #interrupt} and {@link #close} may be called from any
 * thread.
 *
 * <h2>Audit</h2>
 * Every complete snippet is logged at INFO to the logger {@value #AUDIT_LOGGER}, with the
 * user, the peer, the snippet's source and its outcome ({@code ok}, {@code exception
 * java.lang.IllegalStateException}, {@code compile error}, {@code stopped}), never a value or an
 * exception's message; session start and end too. A snippet is code the administrator typed, so
 * it is logged as typed: a password or key typed into a snippet reaches the audit log. Read
 * secrets from where they are kept instead of typing them.
 *
 * <p>This is full power over the JVM for whoever reaches it: serve it only to administrators.
 *
 * @since 0.1.0
 */
public final class ManholeInterpreter {

    /** The name of the audit logger. */
    public static final String AUDIT_LOGGER = "twisted.conch.manhole.audit";

    /** Longest unfinished snippet kept across lines, in characters; a longer one is discarded. */
    public static final int MAX_SNIPPET = 64 * 1024;

    static final int MAX_OUTPUT = 1024 * 1024;

    private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);

    private static final Logger log = LoggerFactory.getLogger(ManholeInterpreter.class);

    private static final List<String> IMPORTS = List.of("java.io.*", "java.math.*", "java.nio.file.*",
            "java.time.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.stream.*");

    private final String session = UUID.randomUUID().toString().replace("-", "");

    private final String who;

    private final java.util.concurrent.Executor callbacks;

    private final ExecutorService thread;

    private final SessionOutput output = new SessionOutput(MAX_OUTPUT);

    private final CompletableFuture<@Nullable Void> started;

    private final AtomicLong interrupts = new AtomicLong();

    private volatile @Nullable JShell shell;

    private volatile boolean closed;

    /** Unfinished input; touched only on the session's thread. */
    private final StringBuilder pending = new StringBuilder();

    private @Nullable Path directory;

    private ManholeInterpreter(Builder builder) {
        this.who = "user=" + builder.user + " peer=" + builder.peer;
        this.callbacks = builder.callbacks;
        ClassLoader parent = builder.classLoader;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "twisted-manhole-" + builder.user);
            t.setDaemon(true);
            t.setContextClassLoader(parent);
            return t;
        });
        Map<String, @Nullable Object> namespace = new LinkedHashMap<>(builder.namespace);
        namespace.putIfAbsent("out", this.output.stream());
        this.started = CompletableFuture.runAsync(() -> start(Collections.unmodifiableMap(namespace), builder.classPath,
                parent), this.thread);
    }

    /**
     * A builder; nothing starts until {@link Builder#start()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private void start(Map<String, @Nullable Object> namespace, Supplier<List<Path>> classPathSource, ClassLoader parent) {
        ManholeRegistry.register(this.session, namespace);
        try {
            List<Path> classPath = classPathSource.get();
            Path dir = privateDirectory();
            this.directory = dir;
            NamespaceCompiler.Compiled compiled = NamespaceCompiler.compile(this.session,
                    "twisted_manhole.s" + this.session, namespace, classPath, dir);
            JShell js = JShell.builder().executionEngine(SnippetLoader.provider(parent), Map.of())
                    .in(InputStream.nullInputStream()).out(this.output.stream()).err(this.output.stream()).build();
            this.shell = js;
            for (Path entry : classPath) {
                js.addToClasspath(entry.toString());
            }
            js.addToClasspath(dir.resolve("classes").toString());
            List<String> imports = new ArrayList<>(IMPORTS);
            imports.add("static " + compiled.className() + ".*");
            for (String name : imports) {
                for (SnippetEvent event : js.eval("import " + name + ";")) {
                    if (event.status() == Snippet.Status.REJECTED) {
                        throw new IllegalStateException("cannot import " + name + ": "
                                + SnippetReport.of(js, event).text());
                    }
                }
            }
            audit.info("{} opened a manhole session with {}", this.who, compiled.names());
            if (this.closed) {
                shutdown();
            }
        }
        catch (IOException ex) {
            failedToStart(ex);
            throw new UncheckedIOException(ex);
        }
        catch (RuntimeException | Error ex) {
            failedToStart(ex);
            throw ex;
        }
    }

    private void failedToStart(Throwable ex) {
        log.warn("{}: the manhole session could not start", this.who, ex);
        shutdown();
    }

    /**
     * A Deferred that fires, through the callbacks executor, once the session is ready, or
     * fails with the reason it could not start. May be called any number of times.
     *
     * @return a new Deferred
     */
    public Deferred<@Nullable Void> whenReady() {
        return Deferred.fromCompletionStage(this.started.exceptionallyCompose(ManholeInterpreter::unwrap), this.callbacks);
    }

    /**
     * Adds a line of input: when it completes one or more snippets, evaluates them; when it
     * leaves a snippet unfinished (an open brace...), keeps it for the next line. Twisted:
     * {@code ManholeInterpreter.push}.
     *
     * @param line the line, without its line end
     * @return a Deferred fired, through the callbacks executor, with what to show; it fails
     *         only when the session could not start or is closed
     */
    public Deferred<Evaluation> push(String line) {
        Objects.requireNonNull(line, "line");
        if (this.closed) {
            return Deferred.fail(new IllegalStateException("the manhole session is closed"));
        }
        long interruptsAtPush = this.interrupts.get();
        CompletableFuture<Evaluation> evaluation = this.started
                .thenApplyAsync(ready -> evaluate(line, interruptsAtPush), this.thread);
        return Deferred.fromCompletionStage(evaluation.exceptionallyCompose(ManholeInterpreter::unwrap), this.callbacks);
    }

    /**
     * Stops the snippet that is running (with {@code JShell.stop()}, so a loop that catches
     * {@code ThreadDeath} or a thread blocked in I/O may not stop), skips the lines pushed before
     * this call that have not run yet, and discards an unfinished snippet. Their Deferreds fire
     * with {@code |  Stopped.}. What the line discipline's Ctrl-C calls. Safe from any thread.
     */
    public void interrupt() {
        this.interrupts.incrementAndGet();
        JShell js = this.shell;
        if (js != null) {
            js.stop();
        }
        try {
            this.thread.execute(() -> this.pending.setLength(0));
        }
        catch (RejectedExecutionException ex) {
            // closed: nothing left to discard
        }
    }

    /**
     * Ends the session: stops a running snippet, closes the JShell and deletes the session's
     * generated classes. Pushes after this fail. Safe from any thread; a second call does
     * nothing.
     */
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        JShell js = this.shell;
        if (js != null) {
            js.stop();
            audit.info("{} closed the manhole session", this.who);
        }
        try {
            this.thread.execute(this::shutdown);
        }
        catch (RejectedExecutionException ex) {
            // already shut down after a failed start
        }
        this.thread.shutdown();
    }

    private void shutdown() {
        ManholeRegistry.unregister(this.session);
        JShell js = this.shell;
        this.shell = null;
        if (js != null) {
            js.close();
        }
        Path dir = this.directory;
        if (dir != null) {
            ManholeClassPath.deleteTree(dir);
        }
    }

    private Evaluation evaluate(String line, long interruptsAtPush) {
        JShell js = this.shell;
        if (js == null) {
            throw new IllegalStateException("the manhole session is closed");
        }
        if (this.interrupts.get() != interruptsAtPush) {
            this.pending.setLength(0);
            return new Evaluation(SnippetReport.stopped().text(), false);
        }
        if (this.pending.length() + line.length() > MAX_SNIPPET) {
            int length = this.pending.length() + line.length();
            this.pending.setLength(0);
            return new Evaluation("|  Snippet too long (" + length + " characters, at most " + MAX_SNIPPET
                    + "): discarded\n", false);
        }
        this.pending.append(line).append('\n');
        StringBuilder shown = new StringBuilder();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String input = this.pending.toString();
        this.pending.setLength(0);
        while (!input.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(input);
            if (!info.completeness().isComplete() && info.completeness() != SourceCodeAnalysis.Completeness.UNKNOWN) {
                this.pending.append(input);
                break;
            }
            String source = (info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) ? input : info.source();
            SnippetReport report = evalOne(js, source, interruptsAtPush);
            shown.append(report.text()).append(this.output.drain());
            if (report == STOPPED || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN
                    || info.remaining().equals(input)) {
                break;
            }
            input = info.remaining();
        }
        return new Evaluation(shown.toString(), this.pending.length() > 0);
    }

    private static final SnippetReport STOPPED = SnippetReport.stopped();

    private SnippetReport evalOne(JShell js, String source, long interruptsAtPush) {
        List<SnippetEvent> events = js.eval(source);
        SnippetReport report;
        if (this.interrupts.get() != interruptsAtPush) {
            report = STOPPED;
        }
        else {
            report = events.stream().filter(event -> event.causeSnippet() == null).findFirst()
                    .map(event -> SnippetReport.of(js, event)).orElse(new SnippetReport("", "ok"));
        }
        audit.info("{} outcome={} snippet={}", this.who, report.outcome(), escape(source.strip()));
        return report;
    }

    /** The snippet on one log line: line ends and other control characters escaped. */
    static String escape(String source) {
        StringBuilder text = new StringBuilder(source.length() + 2).append('"');
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        text.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }

    private static <T> CompletableFuture<T> unwrap(Throwable error) {
        Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
        if (cause instanceof RejectedExecutionException) {
            cause = new IllegalStateException("the manhole session is closed");
        }
        return CompletableFuture.failedFuture(cause);
    }

    private static Path privateDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("twisted-manhole-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("twisted-manhole-");
    }

    /**
     * Settings of one session. Only {@link #callbacks} is required.
     */
    public static final class Builder {

        private Map<String, @Nullable Object> namespace = Map.of();

        private String user = "unknown";

        private String peer = "unknown";

        private java.util.concurrent.@Nullable Executor callbacks;

        private Supplier<List<Path>> classPath = ManholeClassPath::ofThisJvm;

        private ClassLoader classLoader = ManholeInterpreter.class.getClassLoader();

        private Builder() {
        }

        /**
         * The objects in scope, by name (for example the Spring beans, {@code context} and
         * {@code reactor}). Names that are not Java identifiers are left out.
         *
         * @param namespace the objects; copied, values may be {@code null}
         * @return this builder
         */
        public Builder namespace(Map<String, ? extends @Nullable Object> namespace) {
            this.namespace = new LinkedHashMap<>(Objects.requireNonNull(namespace, "namespace"));
            return this;
        }

        /**
         * Who logged in, for the audit log.
         *
         * @param user the avatar id
         * @return this builder
         */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /**
         * Where from, for the audit log.
         *
         * @param peer the peer's address, as text
         * @return this builder
         */
        public Builder peer(String peer) {
            this.peer = Objects.requireNonNull(peer, "peer");
            return this;
        }

        /**
         * Where the Deferreds fire: the reactor, so that they fire on its thread.
         *
         * @param callbacks an executor; the reactor is one
         * @return this builder
         */
        public Builder callbacks(java.util.concurrent.Executor callbacks) {
            this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
            return this;
        }

        /**
         * The compiler's class path; {@link ManholeClassPath#ofThisJvm()} by default, read on
         * the session's thread.
         *
         * @param classPath the entries
         * @return this builder
         */
        public Builder classPath(List<Path> classPath) {
            List<Path> copy = List.copyOf(classPath);
            this.classPath = () -> copy;
            return this;
        }

        /**
         * The parent of the snippets' class loader: it must see the namespace's classes and this
         * package. This class's loader by default (in a Spring Boot jar, Boot's).
         *
         * @param classLoader the parent
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Starts the session on its own thread and returns at once.
         *
         * @return the interpreter, to {@link ManholeInterpreter#close() close} when done
         * @throws IllegalStateException when no callbacks executor was given
         */
        public ManholeInterpreter start() {
            if (this.callbacks == null) {
                throw new IllegalStateException("callbacks executor not set: pass the reactor");
            }
            return new ManholeInterpreter(this);
        }
    }
}
