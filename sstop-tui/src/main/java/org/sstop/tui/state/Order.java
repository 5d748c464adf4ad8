package org.sstop.tui.state;

/**
 * The order of a list view of its own (the hosts and listen views): one of its keys, and whether
 * it runs against the key's natural direction. Immutable; {@code s} moves to the {@link #next()}
 * key, {@code S} flips it.
 *
 * @param <K> the view's sort keys, in the order {@code s} cycles through them
 * @param key the key
 * @param reversed flipped from the key's natural direction
 */
public record Order<K extends Enum<K> & Order.Key>(K key, boolean reversed) {

    /** A sort key: its natural direction. */
    public interface Key {
        /** Whether this key naturally runs largest first. */
        boolean descendingByDefault();
    }

    /** The natural order of a key. */
    public static <K extends Enum<K> & Key> Order<K> of(K key) {
        return new Order<>(key, false);
    }

    /** The next key of the cycle, in its natural direction. */
    public Order<K> next() {
        K[] all = key.getDeclaringClass().getEnumConstants();
        return new Order<>(all[(key.ordinal() + 1) % all.length], false);
    }

    /** The same key the other way round. */
    public Order<K> reverse() {
        return new Order<>(key, !reversed);
    }

    /** Whether the rows run largest first. */
    public boolean descending() {
        return key.descendingByDefault() != reversed;
    }

    // equals and hashCode written out: a record's generated ones spin method handles on first use,
    // before the first frame.
    @Override
    public boolean equals(Object o) {
        return o instanceof Order<?> other && other.key == key && other.reversed == reversed;
    }

    @Override
    public int hashCode() {
        return 2 * key.hashCode() + (reversed ? 1 : 0);
    }
}
