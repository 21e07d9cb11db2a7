package twisted.demo;

import java.util.List;

import org.springframework.stereotype.Component;
import twisted.defer.Deferred;
import twisted.enterprise.ConnectionPool;
import twisted.enterprise.Row;

/**
 * Chapter 8's users database, written as the book writes it: {@code getName} is a
 * {@code runQuery} with a {@code ?} placeholder, and {@code createUsers} inserts a list of users in
 * one {@code runInteraction}, so that either all of them are added or, when one fails (an email
 * already there), none is. Call it on the reactor thread.
 */
@Component
class UserDirectory {

    private static final String INSERT = "INSERT INTO users (email, name) VALUES (?, ?)";

    private final ConnectionPool dbpool;

    UserDirectory(ConnectionPool dbpool) {
        this.dbpool = dbpool;
    }

    /** The book's {@code getName}: the rows of names for this email, one or none. */
    Deferred<List<Row>> getName(String email) {
        return this.dbpool.runQuery("SELECT name FROM users WHERE email = ?", email);
    }

    /** Every user, by email. */
    Deferred<List<User>> allUsers() {
        return this.dbpool.runQuery("SELECT email, name FROM users ORDER BY email",
                row -> new User(row.get("email", String.class), row.get("name", String.class)));
    }

    /** The book's {@code createUsers}: one transaction, one INSERT after another; gives how many were added. */
    Deferred<Long> createUsers(List<User> users) {
        return this.dbpool.runInteraction(txn -> {
            Deferred<Long> added = Deferred.succeed(0L);
            for (User user : users) {
                added = added.thenCompose(count -> txn.runOperation(INSERT, user.email(), user.name()).thenApply(one -> count + one));
            }
            return added;
        });
    }

    /** A row of the users table. */
    record User(String email, String name) {
    }
}
