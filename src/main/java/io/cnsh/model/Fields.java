package io.cnsh.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fields of one {@link Agent}: a read-only, ordered map kept as two arrays, names and values.
 * Records with the same field names in the same order (every record of one read, typically) share
 * one names array, so a record costs little more than its values: an account of 100,000 agents
 * held as a list fits in a small heap, where a hash map per record would take about 2 KB each.
 * Lookups compare names one by one, which for the twenty-odd fields of a record is as fast as hashing.
 */
final class Fields extends AbstractMap<String, String> {

    /** How many distinct name lists are shared; names outside the documented ones can make more. */
    private static final int MAX_SHAPES = 256;
    private static final Map<Shape, String[]> SHAPES = new ConcurrentHashMap<>();
    private static final Fields EMPTY = new Fields(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private Fields(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** The fields of the map, in its iteration order. */
    static Fields of(Map<String, String> fields) {
        int n = fields.size();
        if (n == 0) {
            return EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        int i = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new Fields(shared(names), values);
    }

    /** The fields of the map, in its iteration order, each value as {@link Agent#text} makes it. */
    static Fields copyOf(Map<String, ?> fields) {
        int n = fields.size();
        if (n == 0) {
            return EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        int i = 0;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            names[i] = Objects.requireNonNull(e.getKey(), "field name");
            values[i] = Agent.text(e.getValue());
            i++;
        }
        if (i != n) {
            throw new java.util.ConcurrentModificationException();
        }
        return new Fields(shared(names), values);
    }

    private static String[] shared(String[] names) {
        Shape shape = new Shape(names);
        String[] known = SHAPES.get(shape);
        if (known != null) {
            return known;
        }
        if (SHAPES.size() < MAX_SHAPES) {
            known = SHAPES.putIfAbsent(shape, names);
        }
        return known != null ? known : names;
    }

    /** A list of names as a map key. */
    private static final class Shape {
        private final String[] names;
        private final int hash;

        Shape(String[] names) {
            this.names = names;
            this.hash = Arrays.hashCode(names);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape other && hash == other.hash && Arrays.equals(names, other.names);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public String getOrDefault(Object name, String otherwise) {
        int i = indexOf(name);
        return i < 0 ? otherwise : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    // Read-only, as Collections.unmodifiableMap is: every change is refused, even one that would do nothing.

    @Override
    public String put(String name, String value) {
        throw readOnly();
    }

    @Override
    public String remove(Object name) {
        throw readOnly();
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super String, ? extends String> f) {
        throw readOnly();
    }

    @Override
    public String putIfAbsent(String name, String value) {
        throw readOnly();
    }

    @Override
    public boolean remove(Object name, Object value) {
        throw readOnly();
    }

    @Override
    public boolean replace(String name, String oldValue, String newValue) {
        throw readOnly();
    }

    @Override
    public String replace(String name, String value) {
        throw readOnly();
    }

    @Override
    public String computeIfAbsent(String name, Function<? super String, ? extends String> f) {
        throw readOnly();
    }

    @Override
    public String computeIfPresent(String name, BiFunction<? super String, ? super String, ? extends String> f) {
        throw readOnly();
    }

    @Override
    public String compute(String name, BiFunction<? super String, ? super String, ? extends String> f) {
        throw readOnly();
    }

    @Override
    public String merge(String name, String value, BiFunction<? super String, ? super String, ? extends String> f) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("an agent's fields are read-only; use Agent.with or toBuilder");
    }
}
