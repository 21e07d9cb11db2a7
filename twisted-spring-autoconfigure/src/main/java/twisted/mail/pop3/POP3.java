package twisted.mail.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.cred.LoginResult;
import twisted.cred.LoginThrottledException;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.mail.MailStore.OpenMailbox;
import twisted.mail.Mailbox;
import twisted.mail.MailboxLockedException;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.policies.IdleTimeout;

/**
 * One POP3 session (RFC 1939): the AUTHORIZATION state ({@code USER}/{@code PASS}, {@code APOP}
 * when offered, {@code CAPA}, {@code STLS}, {@code QUIT}), then TRANSACTION on the opened maildrop
 * ({@code STAT}, {@code LIST}, {@code RETR}, {@code DELE}, {@code RSET}, {@code NOOP},
 * {@code UIDL}, {@code TOP}, {@code QUIT}), then UPDATE, where {@link Mailbox#sync()} applies the
 * deletions. A session that ends any other way (the connection is cut, the idle timeout fires)
 * only releases the maildrop: nothing is deleted. Built by {@link POP3Factory}; runs on the
 * reactor thread.
 *
 * <p>Commands are answered strictly in order: while a login, the opening of the maildrop, a
 * message being sent or the final sync is under way, nothing more is read, so pipelined commands
 * (RFC 2449 {@code PIPELINING}) wait their turn. {@code RETR} and {@code TOP} read the message a
 * chunk at a time and write the next chunk only while the transport is writable, so a client that
 * stops reading holds at most a chunk or two in the server, never the whole message.
 *
 * <p>Twisted: {@code twisted.mail.pop3.POP3}, without its weaknesses: {@code CAPA} lists
 * {@code PIPELINING} (not "PIPELINE") and no joke tokens, {@code STLS} is implemented, and a
 * dropped session deletes nothing.
 *
 * @since 0.1.0
 */
public final class POP3 extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(POP3.class);

    private static final byte[] CRLF = { '\r', '\n' };

    private static final int PAUSED_BUSY = 1;

    private static final int PAUSED_OUTPUT = 2;

    enum State {
        AUTHORIZATION, TRANSACTION, UPDATE, CLOSED
    }

    private final POP3Factory server;

    private final IdleTimeout idle;

    private State state = State.AUTHORIZATION;

    private @Nullable String challenge;

    private @Nullable String user;

    private @Nullable String mailboxName;

    private @Nullable Mailbox mailbox;

    private @Nullable Runnable release;

    private @Nullable Runnable logout;

    /** A login being checked; cancelled if the connection goes meanwhile. */
    private @Nullable Deferred<?> pendingLogin;

    private @Nullable MessageStream sending;

    private int badCommands;

    private int pauses;

    POP3(POP3Factory factory) {
        this.server = factory;
        this.idle = new IdleTimeout(factory.clock(), this::timedOut);
        setDelimiter(new byte[] { '\n' });
        setMaxLength(factory.settings().maxLineLength() + 1);
        setCharset(StandardCharsets.UTF_8);
    }

    /** The session's state, for tests. */
    State state() {
        return this.state;
    }

    @Override
    public void connectionMade() {
        this.transport.registerProducer(new OutputWatch(), true);
        this.idle.setTimeout(this.server.settings().idleTimeout());
        String greeting = "+OK " + this.server.settings().hostname() + " POP3 server ready";
        if (this.server.apopOffered()) {
            this.challenge = this.server.newChallenge();
            greeting += " " + this.challenge;
        }
        sendLine(greeting);
    }

    @Override
    public void connectionLost(Failure reason) {
        State was = this.state;
        this.state = State.CLOSED;
        this.idle.cancel();
        if (this.sending != null) {
            this.sending.close();
            this.sending = null;
        }
        if (this.pendingLogin != null) {
            this.pendingLogin.cancel();
            this.pendingLogin = null;
        }
        // an opening under way is not cancelled: the store may hold the lock by now, and its
        // callback releases it at once when it finds the session closed
        if (was != State.UPDATE) {
            releaseMailbox();
        }
        logOut();
    }

    @Override
    public void lineReceived(String line) {
        if (this.state == State.CLOSED || this.state == State.UPDATE) {
            return;
        }
        this.idle.resetTimeout();
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        POP3Command command = POP3Command.parse(text);
        try {
            dispatch(command);
        }
        catch (RuntimeException ex) {
            log.warn("{}: {} failed", logPrefix(), command.name(), ex);
            sendLine("-ERR [SYS/TEMP] internal error");
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        if (this.state != State.CLOSED) {
            sendLine("-ERR line too long; closing the connection");
            this.transport.loseConnection();
        }
    }

    @Override
    public String logPrefix() {
        return "POP3(" + ((this.mailboxName != null) ? this.mailboxName : "*") + "@" + this.transport.getPeer() + ")";
    }

    // ------------------------------------------------------------------ dispatch

    private void dispatch(POP3Command c) {
        String name = c.name();
        if (name.equals("QUIT")) {
            quit();
            return;
        }
        if (name.equals("CAPA")) {
            capa();
            return;
        }
        if (name.equals("NOOP") && this.state == State.TRANSACTION) {
            sendLine("+OK");
            return;
        }
        if (this.state == State.AUTHORIZATION) {
            switch (name) {
                case "USER" -> user(c);
                case "PASS" -> pass(c);
                case "APOP" -> apop(c);
                case "STLS" -> stls(c);
                case "STAT", "LIST", "RETR", "DELE", "RSET", "NOOP", "UIDL", "TOP" ->
                        bad("-ERR not logged in: log in with USER and PASS first");
                default -> bad("-ERR unknown command");
            }
            return;
        }
        Mailbox box = this.mailbox;
        if (box == null) {
            bad("-ERR unknown command");
            return;
        }
        switch (name) {
            case "STAT" -> stat(c, box);
            case "LIST" -> list(c, box);
            case "UIDL" -> uidl(c, box);
            case "RETR" -> retr(c, box);
            case "TOP" -> top(c, box);
            case "DELE" -> dele(c, box);
            case "RSET" -> rset(c, box);
            case "USER", "PASS", "APOP", "STLS" -> bad("-ERR already logged in");
            default -> bad("-ERR unknown command");
        }
    }

    /** Answers a bad command; past the limit, closes the session. */
    private void bad(String reply) {
        this.badCommands++;
        if (this.badCommands > this.server.settings().maxBadCommands()) {
            sendLine("-ERR too many bad commands; closing the connection");
            this.transport.loseConnection();
            return;
        }
        sendLine(reply);
    }

    // ------------------------------------------------------------------ AUTHORIZATION

    private void capa() {
        List<String> lines = new ArrayList<>();
        lines.add("+OK capability list follows");
        if (loginAllowed()) {
            lines.add("USER");
        }
        lines.add("TOP");
        lines.add("UIDL");
        lines.add("PIPELINING");
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        if (stlsAvailable()) {
            lines.add("STLS");
        }
        lines.add("IMPLEMENTATION " + this.server.settings().implementation());
        lines.add(".");
        sendLines(lines);
    }

    private boolean stlsAvailable() {
        return this.state == State.AUTHORIZATION && this.server.tls() != null
                && this.transport instanceof TCPTransport tcp && !tcp.isSecure();
    }

    private boolean loginAllowed() {
        return !this.server.settings().requireTlsForLogin() || this.server.tls() == null
                || (this.transport instanceof TCPTransport tcp && tcp.isSecure());
    }

    private void user(POP3Command c) {
        if (c.args().size() != 1) {
            bad("-ERR usage: USER name");
            return;
        }
        if (!loginAllowed()) {
            sendLine("-ERR [AUTH] log in only after STLS");
            return;
        }
        this.user = c.args().get(0);
        sendLine("+OK send PASS");
    }

    private void pass(POP3Command c) {
        String name = this.user;
        this.user = null;
        if (name == null) {
            bad("-ERR send USER first");
            return;
        }
        if (c.rest().isEmpty()) {
            bad("-ERR usage: PASS password");
            return;
        }
        login(name, new twisted.cred.UsernamePassword(name, c.rest()));
    }

    private void apop(POP3Command c) {
        String magic = this.challenge;
        if (magic == null) {
            bad("-ERR APOP is not offered by this server");
            return;
        }
        if (c.args().size() != 2) {
            bad("-ERR usage: APOP name digest");
            return;
        }
        if (!loginAllowed()) {
            sendLine("-ERR [AUTH] log in only after STLS");
            return;
        }
        this.user = null;
        login(c.args().get(0), new APOPCredentials(magic, c.args().get(0), c.args().get(1)));
    }

    private void login(String name, twisted.cred.Credentials credentials) {
        pause(PAUSED_BUSY);
        Deferred<LoginResult> attempt = this.server.login(this.transport.getPeer(), credentials);
        this.pendingLogin = attempt;
        attempt.addCallbacks(result -> {
            this.pendingLogin = null;
            if (this.state == State.CLOSED) {
                result.logout().run();
                return null;
            }
            this.logout = result.logout();
            openMailbox(result.avatar(Maildrop.class).mailbox());
            return null;
        }, failure -> {
            this.pendingLogin = null;
            if (this.state == State.CLOSED) {
                return null;
            }
            if (failure.check(LoginThrottledException.class) != null) {
                log.info("{}: login as {} refused: too many failed logins", logPrefix(), name);
                sendLine("-ERR [AUTH] too many failed logins; try again later");
            }
            else if (failure.check(twisted.cred.UnauthorizedLoginException.class,
                    twisted.cred.LoginDeniedException.class) != null) {
                log.info("{}: login as {} failed", logPrefix(), name);
                sendLine("-ERR [AUTH] invalid user name or password");
            }
            else {
                log.warn("{}: login as {} could not be checked: {}", logPrefix(), name, failure.getErrorMessage());
                sendLine("-ERR [SYS/TEMP] cannot check the login now");
            }
            unpause(PAUSED_BUSY);
            return null;
        });
    }

    private void openMailbox(String name) {
        Deferred<OpenMailbox> opening;
        try {
            opening = this.server.store().openMailbox(name);
        }
        catch (RuntimeException ex) {
            opening = Deferred.fail(ex);
        }
        opening.addCallbacks(open -> {
            if (this.state == State.CLOSED) {
                open.release().run();
                return null;
            }
            this.mailbox = open.mailbox();
            this.release = open.release();
            this.mailboxName = name;
            this.state = State.TRANSACTION;
            log.info("{}: logged in", logPrefix());
            sendLine("+OK " + name + "'s maildrop has " + summary(open.mailbox()));
            unpause(PAUSED_BUSY);
            return null;
        }, failure -> {
            if (this.state == State.CLOSED) {
                return null;
            }
            logOut();
            if (failure.check(MailboxLockedException.class) != null) {
                log.info("{}: maildrop {} is in use by another session", logPrefix(), name);
                sendLine("-ERR [IN-USE] maildrop already locked by another session");
            }
            else {
                log.warn("{}: maildrop {} could not be opened: {}", logPrefix(), name, failure.getErrorMessage());
                sendLine("-ERR [SYS/TEMP] cannot open the maildrop");
            }
            unpause(PAUSED_BUSY);
            return null;
        });
    }

    private void stls(POP3Command c) {
        if (!stlsAvailable()) {
            bad((this.server.tls() == null) ? "-ERR STLS is not offered by this server" : "-ERR TLS is already on");
            return;
        }
        sendLine("+OK begin TLS negotiation");
        // RFC 2595 section 4 (and the STARTTLS injection attacks): what the client sent after
        // STLS in the clear is dropped, not read once TLS is on.
        clearLineBuffer();
        this.user = null;
        ((TCPTransport) this.transport).startTLS(java.util.Objects.requireNonNull(this.server.tls()));
    }

    private void quit() {
        Mailbox box = this.mailbox;
        if (this.state != State.TRANSACTION || box == null) {
            sendLine("+OK " + this.server.settings().hostname() + " POP3 server signing off");
            this.state = State.CLOSED;
            this.transport.loseConnection();
            return;
        }
        this.state = State.UPDATE;
        int deleted = 0;
        List<Long> sizes = box.listMessages();
        for (int i = 0; i < sizes.size(); i++) {
            if (box.isDeleted(i)) {
                deleted++;
            }
        }
        int count = deleted;
        pause(PAUSED_BUSY);
        this.idle.cancel();
        Deferred<Void> sync;
        try {
            sync = box.sync();
        }
        catch (RuntimeException ex) {
            sync = Deferred.fail(ex);
        }
        sync.addCallbacks(ignored -> {
            this.release = null;
            log.info("{}: signed off, {} message(s) deleted", logPrefix(), count);
            sendLine("+OK " + this.server.settings().hostname() + " POP3 server signing off (" + count
                    + " message(s) deleted)");
            this.transport.loseConnection();
            return null;
        }, failure -> {
            log.warn("{}: deleting messages failed: {}", logPrefix(), failure.getErrorMessage());
            releaseMailbox();
            sendLine("-ERR [SYS/TEMP] some deleted messages were not removed");
            this.transport.loseConnection();
            return null;
        });
    }

    // ------------------------------------------------------------------ TRANSACTION

    private static String summary(Mailbox box) {
        List<Long> sizes = box.listMessages();
        int count = 0;
        long octets = 0;
        for (int i = 0; i < sizes.size(); i++) {
            if (!box.isDeleted(i)) {
                count++;
                octets += sizes.get(i);
            }
        }
        return count + " message" + ((count == 1) ? "" : "s") + " (" + octets + " octets)";
    }

    private void stat(POP3Command c, Mailbox box) {
        if (!c.args().isEmpty()) {
            bad("-ERR usage: STAT");
            return;
        }
        List<Long> sizes = box.listMessages();
        int count = 0;
        long octets = 0;
        for (int i = 0; i < sizes.size(); i++) {
            if (!box.isDeleted(i)) {
                count++;
                octets += sizes.get(i);
            }
        }
        sendLine("+OK " + count + " " + octets);
    }

    private void list(POP3Command c, Mailbox box) {
        List<Long> sizes = box.listMessages();
        if (c.args().size() > 1) {
            bad("-ERR usage: LIST [message]");
            return;
        }
        if (c.args().size() == 1) {
            Integer index = message(c.args().get(0), box);
            if (index != null) {
                sendLine("+OK " + (index + 1) + " " + sizes.get(index));
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("+OK " + summary(box));
        for (int i = 0; i < sizes.size(); i++) {
            if (!box.isDeleted(i)) {
                lines.add((i + 1) + " " + sizes.get(i));
            }
        }
        lines.add(".");
        sendLines(lines);
    }

    private void uidl(POP3Command c, Mailbox box) {
        if (c.args().size() > 1) {
            bad("-ERR usage: UIDL [message]");
            return;
        }
        if (c.args().size() == 1) {
            Integer index = message(c.args().get(0), box);
            if (index != null) {
                sendLine("+OK " + (index + 1) + " " + box.getUidl(index));
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("+OK unique-id listing follows");
        int count = box.listMessages().size();
        for (int i = 0; i < count; i++) {
            if (!box.isDeleted(i)) {
                lines.add((i + 1) + " " + box.getUidl(i));
            }
        }
        lines.add(".");
        sendLines(lines);
    }

    private void retr(POP3Command c, Mailbox box) {
        if (c.args().size() != 1) {
            bad("-ERR usage: RETR message");
            return;
        }
        Integer index = message(c.args().get(0), box);
        if (index != null) {
            send(box, index, -1, "+OK " + box.listMessages().get(index) + " octets");
        }
    }

    private void top(POP3Command c, Mailbox box) {
        if (c.args().size() != 2) {
            bad("-ERR usage: TOP message lines");
            return;
        }
        Integer index = message(c.args().get(0), box);
        if (index == null) {
            return;
        }
        Integer lines = POP3Command.number(c.args().get(1));
        if (lines == null) {
            bad("-ERR the line count must be a number");
            return;
        }
        send(box, index, lines, "+OK top of message follows");
    }

    private void dele(POP3Command c, Mailbox box) {
        if (c.args().size() != 1) {
            bad("-ERR usage: DELE message");
            return;
        }
        Integer index = message(c.args().get(0), box);
        if (index != null) {
            box.deleteMessage(index);
            sendLine("+OK message " + (index + 1) + " deleted");
        }
    }

    private void rset(POP3Command c, Mailbox box) {
        if (!c.args().isEmpty()) {
            bad("-ERR usage: RSET");
            return;
        }
        box.undeleteMessages();
        sendLine("+OK maildrop has " + summary(box));
    }

    /**
     * The index of the message an argument names, or {@code null} after answering {@code -ERR}
     * (not a number, no such message, deleted).
     */
    private @Nullable Integer message(String arg, Mailbox box) {
        Integer number = POP3Command.number(arg);
        if (number == null) {
            bad("-ERR the message number must be a number");
            return null;
        }
        if (number < 1 || number > box.listMessages().size()) {
            sendLine("-ERR no such message");
            return null;
        }
        if (box.isDeleted(number - 1)) {
            sendLine("-ERR message " + number + " already deleted");
            return null;
        }
        return number - 1;
    }

    // ------------------------------------------------------------------ streaming

    /**
     * Opens the message through the store (which may take a while: commands wait meanwhile), then
     * streams it; a session that ended meanwhile just closes the stream.
     */
    private void send(Mailbox box, int index, int bodyLines, String status) {
        pause(PAUSED_BUSY);
        Deferred<InputStream> opening;
        try {
            opening = box.openMessage(index);
        }
        catch (RuntimeException ex) {
            opening = Deferred.fail(ex);
        }
        opening.addCallbacks(in -> {
            if (this.state != State.TRANSACTION || this.mailbox != box) {
                closeQuietly(in);
                return null;
            }
            sendLine(status);
            this.sending = new MessageStream(in, bodyLines, this.server.settings().chunkSize());
            pump();
            return null;
        }, failure -> {
            if (this.state == State.TRANSACTION && this.mailbox == box) {
                log.warn("{}: message {} could not be read: {}", logPrefix(), index + 1, failure.getErrorMessage());
                sendLine("-ERR [SYS/TEMP] cannot read message " + (index + 1));
                unpause(PAUSED_BUSY);
            }
            return null;
        });
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        }
        catch (IOException ex) {
            // nothing to tell: the session is over
        }
    }

    /** Writes chunks while the transport is writable; resumed by {@link OutputWatch}. */
    private void pump() {
        MessageStream stream = this.sending;
        while (stream != null && this.sending == stream && this.state == State.TRANSACTION
                && this.transport.isWritable()) {
            byte[] piece;
            try {
                piece = stream.next();
            }
            catch (IOException | RuntimeException ex) {
                log.warn("{}: reading a message failed midway; closing: {}", logPrefix(), ex.toString());
                stream.close();
                this.sending = null;
                this.transport.abortConnection();
                return;
            }
            if (piece.length > 0) {
                this.transport.write(piece);
                this.idle.resetTimeout();
            }
            if (stream.isDone()) {
                this.sending = null;
                unpause(PAUSED_BUSY);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Writes the line and CR LF: lines are read up to LF (a CR before it is dropped), so bare-LF
     * clients work, but are always written with CR LF.
     *
     * @param line the line, without its ending
     */
    @Override
    public void sendLine(byte[] line) {
        this.transport.writeSequence(List.of(line, CRLF));
    }

    private void sendLines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        this.transport.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void pause(int reason) {
        if (this.pauses == 0) {
            pauseProducing();
        }
        this.pauses |= reason;
    }

    private void unpause(int reason) {
        int before = this.pauses;
        this.pauses &= ~reason;
        if (before != 0 && this.pauses == 0 && this.state != State.CLOSED) {
            resumeProducing();
        }
    }

    private void releaseMailbox() {
        Runnable r = this.release;
        this.release = null;
        this.mailbox = null;
        if (r != null) {
            r.run();
        }
    }

    private void logOut() {
        Runnable r = this.logout;
        this.logout = null;
        if (r != null) {
            r.run();
        }
    }

    private void timedOut() {
        if (this.state == State.CLOSED || this.state == State.UPDATE) {
            return;
        }
        log.info("{}: idle for {}; closing", logPrefix(), this.server.settings().idleTimeout());
        sendLine("-ERR autologout: idle for too long; closing the connection");
        this.transport.loseConnection();
    }

    /** Told by the transport when it stops and starts being writable. */
    private final class OutputWatch implements PushProducer {

        @Override
        public void pauseProducing() {
            pause(PAUSED_OUTPUT);
        }

        @Override
        public void resumeProducing() {
            if (POP3.this.state == State.CLOSED) {
                return;
            }
            unpause(PAUSED_OUTPUT);
            pump();
        }

        @Override
        public void stopProducing() {
            // connectionLost follows
        }
    }
}
