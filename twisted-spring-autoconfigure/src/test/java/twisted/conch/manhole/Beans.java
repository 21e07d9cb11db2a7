package twisted.conch.manhole;

import java.util.function.Supplier;

/** Objects for the interpreter's namespace in tests: public types the snippets can name, and one they cannot. */
public final class Beans {

    private Beans() {
    }

    /** A bean with live state. */
    public static final class Counter {

        private int count;

        public int increment() {
            return ++this.count;
        }

        public int count() {
            return this.count;
        }
    }

    /** Holds a value and a message that must not reach the audit log. */
    public static final class Vault {

        public String secret() {
            return "value-" + "hunter2";
        }

        public void explode() {
            throw new IllegalStateException("message-" + "swordfish");
        }
    }

    /** Not public: bound by its public interface. */
    static final class Hidden implements Supplier<String> {

        @Override
        public String get() {
            return "from hidden";
        }

        public String notInTheInterface() {
            return "unreachable without a cast";
        }
    }
}
