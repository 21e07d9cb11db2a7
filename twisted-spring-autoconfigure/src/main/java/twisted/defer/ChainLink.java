package twisted.defer;

import org.jspecify.annotations.Nullable;

/**
 * A link in a Deferred's queue of stages. A Deferred is itself a link: when a callback returns an
 * unfired Deferred, the waiting Deferred queues itself on that one directly, saving an allocation
 * on every nested wait.
 */
abstract class ChainLink {

    @Nullable ChainLink next;
}
