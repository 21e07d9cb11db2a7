package twisted.mail.maildir;

import java.util.concurrent.Callable;

import twisted.defer.Deferred;

/**
 * Where the store's blocking file work runs: the reactor's thread pool, its result back on the
 * reactor thread ({@code reactor::deferToThread}). Tests pass {@code Deferred::execute} to run it
 * inline.
 */
@FunctionalInterface
interface Blocking {

    <T> Deferred<T> run(Callable<? extends T> work);
}
