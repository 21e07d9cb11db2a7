package twisted.enterprise;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;

/**
 * One row of a {@link ConnectionPool#runQuery(String, Object...) runQuery} result, read in full
 * before the Deferred fires: Twisted's row tuple, with the column names beside it.
 *
 * <p>Values are what the driver gives for each column ({@code Integer}, {@code Long},
 * {@code String}, {@code java.time} types...), except that a {@code ByteBuffer} becomes a
 * {@code byte[]}. Large objects ({@code io.r2dbc.spi.Blob}, {@code Clob}) are streams that can only
 * be read while the driver's row is open, so they are not read here: select such columns through
 * the mapped {@code runQuery}, as {@code String} or {@code ByteBuffer}. Drivers differ in their choices: H2
 * and PostgreSQL both give {@code Long} for {@code BIGINT} and {@code count(*)}, but H2 reports
 * unquoted column names in upper case and PostgreSQL in lower case; {@link #get(String)} ignores
 * case, so code that names columns works on both. When a column needs the driver's own conversion
 * ({@code row.get("created", Instant.class)}), use the mapped
 * {@link ConnectionPool#runQuery(String, java.util.function.Function, Object...) runQuery}.
 *
 * <p>Rows compare like tuples: two rows are equal when their values are, whatever the columns are
 * called. A row is immutable and safe to hand between threads.
 *
 * <p>Twisted: the {@code tuple} in the list {@code runQuery} gives.
 *
 * @since 0.1.0
 */
public final class Row {

    private final List<String> columnNames;

    private final List<@Nullable Object> values;

    private Row(List<String> columnNames, List<@Nullable Object> values) {
        this.columnNames = columnNames;
        this.values = values;
    }

    /**
     * A row with these columns and values, for tests and for fakes of {@link ConnectionPool}.
     *
     * @param columnNames the columns' names, in order
     * @param values the values, one per column; {@code null} for SQL {@code NULL}
     * @return the row
     * @throws IllegalArgumentException when the two lists differ in length
     */
    public static Row of(List<String> columnNames, List<? extends @Nullable Object> values) {
        Objects.requireNonNull(columnNames, "columnNames");
        Objects.requireNonNull(values, "values");
        if (columnNames.size() != values.size()) {
            throw new IllegalArgumentException("a row of " + columnNames.size() + " columns " + columnNames
                    + " cannot hold " + values.size() + " values");
        }
        return new Row(List.copyOf(columnNames), Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /** Reads every column of a driver's row; called on the driver's thread while the row is valid. */
    static Row read(io.r2dbc.spi.Row row, RowMetadata metadata) {
        List<? extends ColumnMetadata> columns = metadata.getColumnMetadatas();
        String[] names = new String[columns.size()];
        @Nullable Object[] values = new Object[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).getName();
            values[i] = plain(row.get(i));
        }
        return new Row(List.of(names), Collections.unmodifiableList(Arrays.asList(values)));
    }

    private static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return value;
    }

    /**
     * The number of columns.
     *
     * @return the row's width
     */
    public int size() {
        return this.values.size();
    }

    /**
     * The columns' names, in the order of the {@code SELECT} and in the case the driver reports.
     *
     * @return an unmodifiable list
     */
    public List<String> columnNames() {
        return this.columnNames;
    }

    /**
     * The values, in column order, as a tuple would hold them.
     *
     * @return an unmodifiable list; {@code null} elements are SQL {@code NULL}s
     */
    public List<@Nullable Object> values() {
        return this.values;
    }

    /**
     * The value of a column, by position: {@code row.get(0)} is Twisted's {@code row[0]}.
     *
     * @param index the column's position, from 0
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IndexOutOfBoundsException when there is no such column
     */
    public @Nullable Object get(int index) {
        if (index < 0 || index >= this.values.size()) {
            throw new IndexOutOfBoundsException("column " + index + " of a row of " + this.values.size()
                    + " columns " + this.columnNames);
        }
        return this.values.get(index);
    }

    /**
     * The value of a column, by position, as a type.
     *
     * @param index the column's position, from 0
     * @param type the type the value has (no conversion is made)
     * @param <T> the type
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws ClassCastException when the value is of another type, naming both
     */
    public <T> @Nullable T get(int index, Class<T> type) {
        return cast(get(index), type, this.columnNames.get(index));
    }

    /**
     * The value of a column, by name, ignoring case.
     *
     * @param column the column's name or alias
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when there is no such column, listing those there are
     */
    public @Nullable Object get(String column) {
        return this.values.get(indexOf(column));
    }

    /**
     * The value of a column, by name ignoring case, as a type.
     *
     * @param column the column's name or alias
     * @param type the type the value has (no conversion is made)
     * @param <T> the type
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when there is no such column
     * @throws ClassCastException when the value is of another type, naming both
     */
    public <T> @Nullable T get(String column, Class<T> type) {
        return cast(get(column), type, column);
    }

    private int indexOf(String column) {
        Objects.requireNonNull(column, "column");
        for (int i = 0; i < this.columnNames.size(); i++) {
            if (this.columnNames.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in this row; its columns are " + this.columnNames);
    }

    private static <T> @Nullable T cast(@Nullable Object value, Class<T> type, String column) {
        Objects.requireNonNull(type, "type");
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new ClassCastException("column '" + column + "' holds a " + value.getClass().getName() + ", not a "
                + type.getName());
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Row row) || row.values.size() != this.values.size()) {
            return false;
        }
        for (int i = 0; i < this.values.size(); i++) {
            if (!Objects.deepEquals(this.values.get(i), row.values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Object value : this.values) {
            hash = 31 * hash + ((value instanceof byte[] bytes) ? Arrays.hashCode(bytes) : Objects.hashCode(value));
        }
        return hash;
    }

    /**
     * The values as a tuple: {@code (1, 'jane@foo.com', null)}.
     *
     * @return a short description, for logs and test failures
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < this.values.size(); i++) {
            text.append((i > 0) ? ", " : "").append(describe(this.values.get(i)));
        }
        return text.append(')').toString();
    }

    private static String describe(@Nullable Object value) {
        if (value instanceof CharSequence text) {
            return "'" + text + "'";
        }
        if (value instanceof byte[] bytes) {
            return String.format(Locale.ROOT, "<%d bytes>", bytes.length);
        }
        return String.valueOf(value);
    }
}
