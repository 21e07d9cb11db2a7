package twisted.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import twisted.defer.Deferred;
import twisted.demo.UserDirectory.User;
import twisted.internet.Reactor;

/**
 * Chapter 8 behind HTTP: the users database of {@link UserDirectory}, answered with Deferreds.
 *
 * <pre>
 * curl -H 'Content-Type: application/json' -d '[{"email":"jane@foo.com","name":"Jane"},{"email":"joel@foo.com","name":"Joel"}]' http://127.0.0.1:8080/users
 * curl http://127.0.0.1:8080/users/jane@foo.com
 * curl http://127.0.0.1:8080/users
 * </pre>
 *
 * <p>Controllers run on HTTP threads, and a Deferred belongs to the reactor thread, so each request
 * hands its database work to the reactor ({@link ReactorThread}) and returns a Deferred that only
 * the reactor fires.
 */
@RestController
class UsersController {

    private final UserDirectory directory;

    private final Reactor reactor;

    UsersController(UserDirectory directory, Reactor reactor) {
        this.directory = directory;
        this.reactor = reactor;
    }

    @GetMapping("/users")
    Deferred<List<User>> users() {
        return onReactor(this.directory::allUsers);
    }

    @GetMapping(path = "/users/{email}", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> name(@PathVariable String email) {
        return onReactor(() -> this.directory.getName(email).thenApply(rows -> {
            if (rows.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + email);
            }
            return rows.get(0).get(0, String.class) + "\n";
        }));
    }

    /** Adds every user or, when one of the emails is taken, none (409). */
    @PostMapping("/users")
    Deferred<Map<String, Long>> add(@RequestBody List<User> users) {
        return onReactor(() -> this.directory.createUsers(users).thenApply(added -> Map.of("added", added))
                .recover(failure -> {
                    failure.trap(DuplicateKeyException.class);
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "an email is taken: nobody was added");
                }));
    }

    private <T> Deferred<T> onReactor(Supplier<Deferred<T>> work) {
        return ReactorThread.onReactor(this.reactor, work);
    }
}
