package org.sstop.tui.state;

import java.time.Instant;
import org.sstop.core.Snapshot;

/** Everything that changes the UI state. */
public sealed interface Event {

    /** Key kinds. */
    enum KeyKind { CHAR, CTRL, UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESC, TAB, BACK_TAB, BACKSPACE, DELETE, FUNCTION }

    /**
     * A key.
     *
     * @param kind which key
     * @param ch the character for {@code CHAR}, the lower-case letter for {@code CTRL}, the number (1-12) for
     *     {@code FUNCTION}, else 0
     */
    record Key(KeyKind kind, int ch) implements Event {

        /** A printable character. */
        public static Key ch(int c) {
            return new Key(KeyKind.CHAR, c);
        }

        /** Ctrl plus a letter. */
        public static Key ctrl(char letter) {
            return new Key(KeyKind.CTRL, letter);
        }

        /** A function key, F1 to F12. */
        public static Key fn(int n) {
            return new Key(KeyKind.FUNCTION, n);
        }

        /** A named key. */
        public static Key of(KeyKind kind) {
            return new Key(kind, 0);
        }

        // equals and hashCode written out: a record's generated ones spin method handles on first
        // use, before the first frame (the key map is a hash table of keys).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.ch == ch;
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + ch;
        }
    }

    /** Mouse actions. */
    enum MouseKind { PRESS, RELEASE, DRAG, WHEEL_UP, WHEEL_DOWN }

    /**
     * A mouse action.
     *
     * @param kind what happened
     * @param button 0 left, 1 middle, 2 right
     * @param x column, 0-based
     * @param y row, 0-based
     * @param nanos monotonic time (double-click detection)
     */
    record Mouse(MouseKind kind, int button, int x, int y, long nanos) implements Event {
    }

    /** The clock moved (redraws the header clock). */
    record Tick(Instant now) implements Event {
    }

    /** The monitor produced a snapshot. */
    record SnapshotArrived(Snapshot snapshot) implements Event {
    }

    /**
     * A replay moved (a new sample, a pause, a new speed).
     *
     * @param replay where it stands now
     */
    record ReplayMoved(Replay replay) implements Event {
    }

    /** The terminal changed size. */
    record Resize(int width, int height) implements Event {
    }

    /**
     * The outcome of a kill request.
     *
     * @param ok whether the signal was sent
     * @param message what happened
     */
    record KillResult(boolean ok, String message) implements Event {
    }
}
