package twisted.mail.imap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.mail.imap.IMAPSession.State;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.policies.IdleTimeout;

/**
 * The IMAP4rev1 server protocol (RFC 3501), one per connection, serving the folders of a
 * {@link twisted.mail.FolderStore}: a {@link LineReceiver} hosting {@link IMAPFraming}, which
 * hands it whole commands; {@link IMAPParser} types them, and a table dispatches each to its
 * handler ({@link MailboxCommands}, {@link MessageCommands}, {@link FetchCommand},
 * {@link LoginCommands}, or this class for the connection-level ones). Twisted:
 * {@code twisted.mail.imap4.IMAP4Server}.
 *
 * <p>Commands run strictly one at a time: while one waits for the store, the receiver is paused
 * ({@link #pauseProducing()}), so pipelined commands are answered in order. Changes other
 * sessions make to the selected folder are reported before each tagged response, at the moments
 * RFC 3501 section 7.4.1 allows ({@link SelectedFolder}), and at once while idling.
 *
 * <p>Built by {@link IMAPFactory}; every method runs on the reactor thread. A handler's
 * unexpected failure is logged once and answered {@code NO [SERVERBUG]}; passwords and
 * {@code AUTHENTICATE} data never reach a log.
 *
 * @since 0.1.0
 */
public final class IMAP4Server extends LineReceiver implements IMAPFraming.Host {

    private static final Logger log = LoggerFactory.getLogger(IMAP4Server.class);

    private static final int PAUSED_BUSY = 1;

    private static final int PAUSED_OUTPUT = 2;

    private final IMAPFactory factory;

    private final IMAPFraming framing;

    private final IMAPParser parser = new IMAPParser();

    private final IdleTimeout idle;

    private final Map<Class<?>, Function<IMAPCommand, Deferred<String>>> commands = new HashMap<>();

    private final Map<Class<?>, State> minimumState = new HashMap<>();

    private @Nullable IMAPSession session;

    private @Nullable LoginCommands logins;

    private int badCommands;

    private int pauses;

    private boolean closed;

    private @Nullable Deferred<Void> writableWaiter;

    private @Nullable Deferred<Boolean> idling;

    private @Nullable String idleTag;

    IMAP4Server(IMAPFactory factory) {
        this.factory = factory;
        this.framing = new IMAPFraming(factory.settings().limits(), this);
        this.idle = new IdleTimeout(factory.clock(), this::timedOut);
        setMaxLength(this.framing.limits().maxLineLength());
    }

    // ------------------------------------------------------------------ connection

    @Override
    public void connectionMade() {
        ResponseWriter out = new ResponseWriter(this.transport);
        IMAPSession s = new IMAPSession(out);
        this.session = s;
        this.logins = new LoginCommands(s, this.factory, this.framing, this);
        register(s);
        this.transport.registerProducer(new OutputWatch(), true);
        this.idle.setTimeout(this.factory.settings().idleTimeout());
        out.untagged("OK [CAPABILITY " + capabilities() + "] " + this.factory.settings().hostname()
                + " IMAP4rev1 server ready");
    }

    @Override
    public void connectionLost(Failure reason) {
        this.closed = true;
        this.idle.cancel();
        IMAPSession s = this.session;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String logPrefix() {
        IMAPSession s = this.session;
        String user = (s != null && s.user() != null) ? s.user() : "*";
        return "IMAP(" + user + "@" + this.transport.getPeer() + ")";
    }

    private IMAPSession session() {
        return Objects.requireNonNull(this.session, "connectionMade not called");
    }

    private void register(IMAPSession s) {
        MailboxCommands mailboxes = new MailboxCommands(s);
        MessageCommands messages = new MessageCommands(s, this.factory);
        FetchCommand fetch = new FetchCommand(s, this.factory, this::whenWritable);
        LoginCommands login = Objects.requireNonNull(this.logins);
        on(IMAPCommand.Capability.class, State.NOT_AUTHENTICATED, c -> capability());
        on(IMAPCommand.Noop.class, State.NOT_AUTHENTICATED, c -> Deferred.succeed("OK NOOP completed"));
        on(IMAPCommand.Id.class, State.NOT_AUTHENTICATED, c -> id());
        on(IMAPCommand.StartTls.class, State.NOT_AUTHENTICATED, login::startTls);
        on(IMAPCommand.Login.class, State.NOT_AUTHENTICATED, login::login);
        on(IMAPCommand.Authenticate.class, State.NOT_AUTHENTICATED, login::authenticate);
        on(IMAPCommand.Enable.class, State.AUTHENTICATED, c -> enable());
        on(IMAPCommand.Namespace.class, State.AUTHENTICATED, c -> namespace());
        on(IMAPCommand.Select.class, State.AUTHENTICATED, mailboxes::select);
        on(IMAPCommand.Create.class, State.AUTHENTICATED, mailboxes::create);
        on(IMAPCommand.Delete.class, State.AUTHENTICATED, mailboxes::delete);
        on(IMAPCommand.Rename.class, State.AUTHENTICATED, mailboxes::rename);
        on(IMAPCommand.Subscribe.class, State.AUTHENTICATED, mailboxes::subscribe);
        on(IMAPCommand.ListMailboxes.class, State.AUTHENTICATED, mailboxes::list);
        on(IMAPCommand.Status.class, State.AUTHENTICATED, mailboxes::status);
        on(IMAPCommand.Append.class, State.AUTHENTICATED, mailboxes::append);
        on(IMAPCommand.Idle.class, State.AUTHENTICATED, this::idle);
        on(IMAPCommand.Check.class, State.SELECTED, c -> mailboxes.check());
        on(IMAPCommand.Close.class, State.SELECTED, c -> mailboxes.close());
        on(IMAPCommand.Unselect.class, State.SELECTED, c -> mailboxes.unselect());
        on(IMAPCommand.Expunge.class, State.SELECTED, messages::expunge);
        on(IMAPCommand.Store.class, State.SELECTED, messages::store);
        on(IMAPCommand.Copy.class, State.SELECTED, messages::copy);
        on(IMAPCommand.Search.class, State.SELECTED, messages::search);
        on(IMAPCommand.Fetch.class, State.SELECTED, fetch::fetch);
    }

    @SuppressWarnings("unchecked")
    private <C extends IMAPCommand> void on(Class<C> type, State state, Function<C, Deferred<String>> handler) {
        this.commands.put(type, c -> handler.apply((C) c));
        this.minimumState.put(type, state);
    }

    // ------------------------------------------------------------------ framing host

    @Override
    public void lineReceived(byte[] line) {
        if (!this.closed) {
            this.framing.lineReceived(line);
        }
    }

    @Override
    public void rawDataReceived(byte[] data) {
        if (!this.closed) {
            this.framing.rawDataReceived(data);
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        if (!this.closed) {
            this.framing.lineLengthExceeded(line);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        this.idle.resetTimeout();
        super.dataReceived(data);
    }

    @Override
    public void continuationRequested() {
        session().out.continuation("Ready for literal data");
    }

    @Override
    public void commandRejected(CommandTooLargeException rejection) {
        if (this.idleTag != null) {
            endIdle(false);
            return;
        }
        if (Objects.requireNonNull(this.logins).authenticating()) {
            this.logins.authenticateResponse(null);
            return;
        }
        bad(Objects.requireNonNullElse(rejection.tag(), "*"), rejection.responseCode() + " " + rejection.reason());
    }

    @Override
    public void commandReceived(RawCommand raw) {
        if (this.closed) {
            return;
        }
        IMAPCommand command;
        try {
            command = this.parser.parse(raw);
        }
        catch (IMAPParseException ex) {
            bad(Objects.requireNonNullElse(ex.tag(), "*"), ex.reason());
            return;
        }
        run(command);
    }

    @Override
    public void doneReceived(boolean done) {
        endIdle(done);
    }

    @Override
    public void authenticateResponse(byte[] line) {
        Objects.requireNonNull(this.logins).authenticateResponse(line);
    }

    // ------------------------------------------------------------------ running commands

    private void run(IMAPCommand command) {
        String tag = command.tag();
        IMAPSession s = session();
        if (command instanceof IMAPCommand.Logout) {
            s.out.untagged("BYE " + this.factory.settings().hostname() + " IMAP4rev1 server logging out");
            s.out.tagged(tag, "OK LOGOUT completed");
            s.close();
            this.transport.loseConnection();
            return;
        }
        Function<IMAPCommand, Deferred<String>> handler = this.commands.get(command.getClass());
        State needed = this.minimumState.get(command.getClass());
        if (handler == null || needed == null) {
            bad(tag, "Unknown command");
            return;
        }
        if (!allowed(s.state(), needed)) {
            bad(tag, (s.state() == State.NOT_AUTHENTICATED) ? "Log in first"
                    : (needed == State.SELECTED) ? "No mailbox selected" : "Already logged in");
            return;
        }
        Deferred<String> reply;
        try {
            pause(PAUSED_BUSY);
            reply = handler.apply(command);
        }
        catch (BadCommandException ex) {
            unpause(PAUSED_BUSY);
            bad(tag, ex.getMessage());
            return;
        }
        catch (RuntimeException ex) {
            reply = Deferred.fail(ex);
        }
        boolean expungesAllowed = expungesAllowed(command);
        reply.addCallbacks(text -> {
            finish(tag, text, expungesAllowed);
            return null;
        }, failure -> {
            if (failure.value() instanceof LoginCommands.AlreadyAnswered) {
                finish(tag, null, expungesAllowed);
                return null;
            }
            if (failure.value() instanceof BadCommandException ex) {
                finish(tag, null, expungesAllowed);
                bad(tag, ex.getMessage());
                return null;
            }
            log.warn("{}: {} failed", logPrefix(), command.getClass().getSimpleName(), failure.value());
            finish(tag, "NO [SERVERBUG] Internal error; the command may not have run", expungesAllowed);
            return null;
        });
    }

    private static boolean allowed(State state, State needed) {
        return switch (needed) {
            case NOT_AUTHENTICATED -> true;
            case AUTHENTICATED -> state == State.AUTHENTICATED || state == State.SELECTED;
            case SELECTED -> state == State.SELECTED;
            case LOGOUT -> false;
        };
    }

    /** RFC 3501 7.4.1: no {@code EXPUNGE} while answering FETCH, STORE or SEARCH by number. */
    private static boolean expungesAllowed(IMAPCommand command) {
        if (command instanceof IMAPCommand.Fetch f) {
            return f.uid();
        }
        if (command instanceof IMAPCommand.Store s) {
            return s.uid();
        }
        if (command instanceof IMAPCommand.Search s) {
            return s.uid();
        }
        return true;
    }

    /** Reports pending changes, then the tagged response (when there is one), then reads on. */
    private void finish(String tag, @Nullable String text, boolean expungesAllowed) {
        if (this.closed) {
            return;
        }
        IMAPSession s = session();
        SelectedFolder view = s.selectedOrNull();
        if (view != null) {
            view.flush(s.out, expungesAllowed);
        }
        if (text != null) {
            s.out.tagged(tag, text);
        }
        unpause(PAUSED_BUSY);
    }

    private void bad(String tag, String reason) {
        this.badCommands++;
        IMAPSession s = session();
        if (this.badCommands > this.factory.settings().maxBadCommands()) {
            s.out.untagged("BYE Too many invalid commands");
            this.transport.loseConnection();
            this.closed = true;
            return;
        }
        s.out.tagged(tag, "BAD " + reason.replaceAll("[\\r\\n]", " "));
    }

    // ------------------------------------------------------------------ connection-level commands

    String capabilities() {
        IMAPSettings settings = this.factory.settings();
        StringBuilder caps = new StringBuilder("IMAP4rev1 LITERAL+ SASL-IR IDLE NAMESPACE UIDPLUS MOVE UNSELECT ID"
                + " ENABLE CHILDREN SPECIAL-USE");
        IMAPSession s = this.session;
        boolean authenticated = s != null && s.state() != State.NOT_AUTHENTICATED;
        if (!authenticated) {
            if (startTlsAvailable()) {
                caps.append(" STARTTLS");
            }
            caps.append(loginAllowed() ? " AUTH=PLAIN" : " LOGINDISABLED");
        }
        return caps.toString();
    }

    boolean isSecure() {
        return this.transport instanceof TCPTransport tcp && tcp.isSecure();
    }

    boolean startTlsAvailable() {
        return this.factory.settings().tls() != null && this.transport instanceof TCPTransport && !isSecure();
    }

    boolean loginAllowed() {
        return this.factory.settings().allowLoginWithoutTls() || isSecure();
    }

    private Deferred<String> capability() {
        session().out.untagged("CAPABILITY " + capabilities());
        return Deferred.succeed("OK CAPABILITY completed");
    }

    private Deferred<String> id() {
        session().out.untagged("ID (\"name\" \"twisted-spring\")");
        return Deferred.succeed("OK ID completed");
    }

    private Deferred<String> enable() {
        // no extension this server has needs enabling (CONDSTORE, QRESYNC, UTF8=ACCEPT are not offered)
        session().out.untagged("ENABLED");
        return Deferred.succeed("OK ENABLE completed");
    }

    private Deferred<String> namespace() {
        char delimiter = session().account().delimiter();
        session().out.untagged("NAMESPACE ((\"\" " + IMAPStrings.string(String.valueOf(delimiter)) + ")) NIL NIL");
        return Deferred.succeed("OK NAMESPACE completed");
    }

    /** {@code IDLE} (RFC 2177): changes are pushed as they happen until {@code DONE}. */
    private Deferred<String> idle(IMAPCommand.Idle c) {
        IMAPSession s = session();
        Deferred<Boolean> done = new Deferred<>();
        this.idling = done;
        this.idleTag = c.tag();
        s.out.continuation("idling");
        SelectedFolder view = s.selectedOrNull();
        if (view != null) {
            view.flush(s.out, true);
            view.onChange(() -> view.flush(s.out, true));
        }
        this.framing.expectDone();
        unpause(PAUSED_BUSY);
        return done.thenApply(ok -> {
            if (view != null) {
                view.onChange(null);
            }
            pause(PAUSED_BUSY);
            if (!ok) {
                throw new BadCommandException("Expected DONE");
            }
            return "OK IDLE terminated";
        });
    }

    private void endIdle(boolean done) {
        Deferred<Boolean> d = this.idling;
        this.idling = null;
        this.idleTag = null;
        if (d != null) {
            d.callback(done);
        }
    }

    // ------------------------------------------------------------------ flow control

    /** Fires once the transport takes more output: FETCH writes one message at a time. */
    Deferred<Void> whenWritable() {
        if (this.transport.isWritable() || this.closed) {
            return Deferred.succeed(null);
        }
        Deferred<Void> waiter = new Deferred<>();
        this.writableWaiter = waiter;
        return waiter;
    }

    void pause(int reason) {
        if (this.pauses == 0) {
            pauseProducing();
        }
        this.pauses |= reason;
    }

    void unpause(int reason) {
        int before = this.pauses;
        this.pauses &= ~reason;
        if (before != 0 && this.pauses == 0 && !this.closed) {
            resumeProducing();
        }
    }

    /** Reads the next line although a command is still running (AUTHENTICATE's responses, IDLE's DONE). */
    void readNextLine() {
        unpause(PAUSED_BUSY);
    }

    /** Stops reading again until the running command ends. */
    void holdLines() {
        pause(PAUSED_BUSY);
    }

    private void timedOut() {
        if (this.closed) {
            return;
        }
        log.info("{}: idle for {}; closing", logPrefix(), this.factory.settings().idleTimeout());
        session().out.untagged("BYE Autologout; idle for too long");
        this.closed = true;
        this.transport.loseConnection();
    }

    private final class OutputWatch implements PushProducer {

        @Override
        public void pauseProducing() {
            pause(PAUSED_OUTPUT);
        }

        @Override
        public void resumeProducing() {
            if (IMAP4Server.this.closed) {
                return;
            }
            unpause(PAUSED_OUTPUT);
            Deferred<Void> waiter = IMAP4Server.this.writableWaiter;
            IMAP4Server.this.writableWaiter = null;
            if (waiter != null) {
                waiter.callback(null);
            }
        }

        @Override
        public void stopProducing() {
            // connectionLost follows
        }
    }

    twisted.internet.Transport transport() {
        return this.transport;
    }
}
