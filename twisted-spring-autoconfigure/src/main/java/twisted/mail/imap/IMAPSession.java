package twisted.mail.imap;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.mail.FolderException;
import twisted.mail.MailAccount;

/**
 * One connection's IMAP state (RFC 3501 section 3): not authenticated, authenticated (an open
 * {@link MailAccount}), selected (a {@link SelectedFolder}), logout. The command handlers read
 * and change it; the server owns it.
 */
final class IMAPSession {

    enum State {
        NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
    }

    final ResponseWriter out;

    private State state = State.NOT_AUTHENTICATED;

    private @Nullable MailAccount account;

    private @Nullable SelectedFolder selected;

    private @Nullable Runnable logout;

    private @Nullable String user;

    IMAPSession(ResponseWriter out) {
        this.out = out;
    }

    State state() {
        return this.state;
    }

    @Nullable String user() {
        return this.user;
    }

    void loggedIn(String name, MailAccount opened, Runnable onLogout) {
        this.user = name;
        this.account = opened;
        this.logout = onLogout;
        this.state = State.AUTHENTICATED;
    }

    MailAccount account() {
        MailAccount a = this.account;
        if (a == null) {
            throw new IllegalStateException("not authenticated");
        }
        return a;
    }

    @Nullable SelectedFolder selectedOrNull() {
        return this.selected;
    }

    SelectedFolder selected() {
        SelectedFolder s = this.selected;
        if (s == null) {
            throw new IllegalStateException("nothing selected");
        }
        return s;
    }

    void select(SelectedFolder folder) {
        unselect();
        this.selected = folder;
        this.state = State.SELECTED;
    }

    /** Closes the selected folder's session, if any; back to authenticated. */
    void unselect() {
        SelectedFolder s = this.selected;
        this.selected = null;
        if (s != null) {
            s.close();
        }
        if (this.state == State.SELECTED) {
            this.state = State.AUTHENTICATED;
        }
    }

    /** Ends everything: the folder, the account, the login. Twice does nothing. */
    void close() {
        unselect();
        this.state = State.LOGOUT;
        MailAccount a = this.account;
        this.account = null;
        if (a != null) {
            a.close();
        }
        Runnable r = this.logout;
        this.logout = null;
        if (r != null) {
            r.run();
        }
    }

    /** A store's refusal as a tagged {@code NO} with its RFC 5530 response code. */
    static String no(FolderException ex, boolean target) {
        String code = switch (ex.getReason()) {
            case NONEXISTENT -> target ? "TRYCREATE" : "NONEXISTENT";
            case ALREADY_EXISTS -> "ALREADYEXISTS";
            case CANNOT -> "CANNOT";
            case IN_USE -> "INUSE";
            case LIMIT -> "LIMIT";
        };
        String text = (ex.getMessage() != null) ? ex.getMessage().replaceAll("[\\r\\n]", " ") : "Refused";
        return "NO [" + code + "] " + text;
    }

    /** Recovers a store's refusal as its {@code NO}; other failures go on. */
    static Deferred<String> refusals(Deferred<String> reply, boolean target) {
        return reply.recoverWith(failure -> refusal(failure, target));
    }

    private static Deferred<String> refusal(Failure failure, boolean target) {
        if (failure.value() instanceof FolderException ex) {
            return Deferred.succeed(no(ex, target));
        }
        return Deferred.fail(failure);
    }
}
