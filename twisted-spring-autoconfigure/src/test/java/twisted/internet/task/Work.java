package twisted.internet.task;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * A test iterator of {@code units} steps named {@code name1}, {@code name2}..., each recorded in a
 * shared log when {@code next()} runs. A step may be given a different element (a Deferred to wait
 * on) or made to throw.
 */
final class Work implements Iterator<Object> {

    private final String name;

    private final int units;

    private final List<String> log;

    private final IntFunction<@Nullable Object> special;

    private int done;

    private Work(String name, int units, List<String> log, IntFunction<@Nullable Object> special) {
        this.name = name;
        this.units = units;
        this.log = log;
        this.special = special;
    }

    static Work of(String name, int units, List<String> log) {
        return new Work(name, units, log, step -> null);
    }

    /** Like {@link #of}, but step {@code n} yields what {@code special} gives, when not null. */
    static Work yielding(String name, int units, List<String> log, IntFunction<@Nullable Object> special) {
        return new Work(name, units, log, special);
    }

    /** Like {@link #of}, but step {@code failing} throws {@code error}. */
    static Work failingAt(String name, int units, List<String> log, int failing, RuntimeException error) {
        return new Work(name, units, log, step -> {
            if (step == failing) {
                throw error;
            }
            return null;
        });
    }

    @Override
    public boolean hasNext() {
        return this.done < this.units;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        this.done++;
        String step = this.name + this.done;
        this.log.add(step);
        Object element = this.special.apply(this.done);
        return (element != null) ? element : step;
    }

    @Override
    public String toString() {
        return "Work<" + this.name + ">";
    }
}
