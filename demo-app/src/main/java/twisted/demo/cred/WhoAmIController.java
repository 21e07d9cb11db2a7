package twisted.demo.cred;

import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;

/**
 * Chapter 9's web half: who you are, over HTTP Basic, checked by Spring Security against the same
 * users as the {@code echo-cred} service's portal.
 *
 * <pre>
 * curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/whoami
 * </pre>
 */
@RestController
class WhoAmIController {

    @GetMapping(path = "/whoami", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> whoami(Principal principal) {
        return Deferred.succeed(principal.getName() + "\n");
    }
}
