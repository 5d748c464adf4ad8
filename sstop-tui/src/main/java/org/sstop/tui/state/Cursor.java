package org.sstop.tui.state;

/**
 * The selected row of a list and its scroll position.
 *
 * @param index selected row
 * @param offset first row shown
 * @param key identity of the selected row (pid, address, ...), so the selection follows the
 *     item when the list is re-sorted by a new snapshot; null when unknown
 */
public record Cursor(int index, int offset, Object key) {

    /** The top of a list. */
    public static final Cursor TOP = new Cursor(0, 0, null);
}
