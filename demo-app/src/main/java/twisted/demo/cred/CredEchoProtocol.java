package twisted.demo.cred;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.cred.LoginFailedException;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.LoginThrottledException;
import twisted.cred.Portal;
import twisted.cred.UsernamePassword;
import twisted.defer.Failure;
import twisted.protocols.basic.LineReceiver;

/**
 * The book's echo server behind a login (chapter 9, {@code echo_cred.py}): a state machine that
 * takes {@code <username> <password>} first, checks it through the portal, and only then echoes.
 *
 * <pre>
 * S: Please log in: &lt;username&gt; &lt;password&gt;
 * C: admin change-me
 * S: Login successful, please proceed.
 * C: hello
 * S: hello
 * </pre>
 *
 * <p>Lines end with {@code \r\n}, {@code LineReceiver}'s default, exactly as in the book: talk to
 * it with {@code telnet} or {@code nc -C}; plain {@code nc} sends {@code \n} and gets no answer.
 *
 * <p>While the portal checks a login, reading is paused, so lines typed meanwhile wait instead of
 * being taken as another attempt. A failed login is answered "Login denied, goodbye." (after the
 * throttle's delay) and the connection closed. The avatar is logged out when the connection ends,
 * or at once when a login completes after it ended.
 */
class CredEchoProtocol extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(CredEchoProtocol.class);

    private enum State {
        LOGIN, CHECKING, ECHO, DONE
    }

    private final Portal portal;

    private final LoginThrottle throttle;

    private State state = State.LOGIN;

    private @Nullable ProtocolAvatar avatar;

    private @Nullable Runnable logout;

    CredEchoProtocol(Portal portal, LoginThrottle throttle) {
        this.portal = portal;
        this.throttle = throttle;
    }

    @Override
    public void connectionMade() {
        sendLine("Please log in: <username> <password>");
    }

    @Override
    public void lineReceived(String line) {
        switch (this.state) {
            case LOGIN -> tryLogin(line.strip());
            case ECHO -> sendLine(line);
            case CHECKING, DONE -> {
                // Nothing arrives here: reading is paused while checking, and a closing connection delivers no more lines.
            }
        }
    }

    private void tryLogin(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            sendLine("Please log in: <username> <password>");
            return;
        }
        this.state = State.CHECKING;
        pauseProducing();
        this.throttle.login(this.portal, this.transport.getPeer(), new UsernamePassword(parts[0], parts[1]), null,
                ProtocolAvatar.class).addCallbacks(this::loggedIn, this::loginFailed);
    }

    private @Nullable Void loggedIn(LoginResult result) {
        if (!isConnected()) {
            result.logout().run();
            return null;
        }
        this.avatar = result.avatar(ProtocolAvatar.class);
        this.logout = result.logout();
        this.state = State.ECHO;
        sendLine("Login successful, please proceed.");
        resumeProducing();
        return null;
    }

    private @Nullable Void loginFailed(Failure failure) {
        this.state = State.DONE;
        if (!isConnected()) {
            return null;
        }
        if (failure.value() instanceof LoginThrottledException throttled) {
            sendLine("Too many failed logins; try again in " + seconds(throttled.getRetryAfter()) + " s, goodbye.");
        }
        else if (failure.check(LoginFailedException.class) != null) {
            sendLine("Login denied, goodbye.");
        }
        else {
            log.error("{}: login failed with an internal error", logPrefix(), failure.value());
            sendLine("Internal error, goodbye.");
        }
        this.transport.loseConnection();
        return null;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    @Override
    public void connectionLost(Failure reason) {
        this.state = State.DONE;
        if (this.logout != null) {
            this.logout.run();
            this.logout = null;
            this.avatar = null;
        }
    }

    @Override
    public String logPrefix() {
        ProtocolAvatar current = this.avatar;
        return (current != null) ? "CredEcho(" + current.name() + ")" : "CredEcho";
    }
}
