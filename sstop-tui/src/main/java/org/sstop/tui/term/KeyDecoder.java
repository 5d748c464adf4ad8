package org.sstop.tui.term;

import java.io.EOFException;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;

/**
 * Turns the terminal's character stream into key and mouse events: printable characters, Ctrl
 * letters, CSI and SS3 sequences of the cursor and editing keys, and SGR mouse reports. A lone
 * ESC is told from the start of a sequence by a short wait for the next character.
 */
public final class KeyDecoder {

    /** How long to wait after ESC for the rest of a sequence. */
    static final long ESC_WAIT_MS = 40;
    private static final int MAX_SEQUENCE = 32;

    private final CharSource in;
    private final LongSupplier nanoClock;

    /**
     * @param in the characters
     * @param nanoClock monotonic time for mouse events
     */
    public KeyDecoder(CharSource in, LongSupplier nanoClock) {
        this.in = in;
        this.nanoClock = nanoClock;
    }

    /**
     * The next event.
     *
     * @param timeoutMs how long to wait for input
     * @return the event, or null when nothing (or only an unknown sequence) arrived
     * @throws EOFException when the input has ended
     */
    public Event next(long timeoutMs) throws IOException {
        int c = in.read(timeoutMs);
        if (c == CharSource.TIMEOUT) {
            return null;
        }
        if (c == CharSource.EOF) {
            throw new EOFException("terminal input closed");
        }
        if (c == 27) {
            return escape();
        }
        return plain(c);
    }

    private Event plain(int c) throws IOException {
        if (c == '\r' || c == '\n') {
            return Key.of(KeyKind.ENTER);
        }
        if (c == '\t') {
            return Key.of(KeyKind.TAB);
        }
        if (c == 127 || c == 8) {
            return Key.of(KeyKind.BACKSPACE);
        }
        if (c >= 1 && c <= 26) {
            return Key.ctrl((char) ('a' + c - 1));
        }
        if (c < 32) {
            return null;
        }
        if (Character.isHighSurrogate((char) c)) {
            int low = in.read(ESC_WAIT_MS);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                return Key.ch(Character.toCodePoint((char) c, (char) low));
            }
            return null;
        }
        return Key.ch(c);
    }

    private Event escape() throws IOException {
        int n = in.peek(ESC_WAIT_MS);
        if (n == '[') {
            in.read(0);
            return csi();
        }
        if (n == 'O') {
            in.read(0);
            return ss3(in.read(ESC_WAIT_MS));
        }
        if (n == 27) {
            // ESC ESC: report one Esc now, the second is read next time.
            return Key.of(KeyKind.ESC);
        }
        if (n >= 32 && n < 127) {
            // Alt+key: treated as the key itself (no Alt bindings).
            in.read(0);
            return plain(n);
        }
        return Key.of(KeyKind.ESC);
    }

    /** SS3 (ESC O x): the cursor keys, Home and End as {@link #cursorKey}, keypad Enter, F1-F4 (P-S). */
    private static Event ss3(int c) {
        if (c >= 'P' && c <= 'S') {
            return Key.fn(c - 'P' + 1);
        }
        return c == 'M' ? Key.of(KeyKind.ENTER) : cursorKey(c);
    }

    /** The number of {@code ESC [ n ~} for F1-F12 (xterm, rxvt and the VT220 forms), or null. */
    private static Event functionKey(String n) {
        int f = switch (n) {
            case "11" -> 1;
            case "12" -> 2;
            case "13" -> 3;
            case "14" -> 4;
            case "15" -> 5;
            case "17" -> 6;
            case "18" -> 7;
            case "19" -> 8;
            case "20" -> 9;
            case "21" -> 10;
            case "23" -> 11;
            case "24" -> 12;
            default -> 0;
        };
        return f == 0 ? null : Key.fn(f);
    }

    /** The final byte shared by CSI and SS3 forms of the cursor keys, Home and End; null for others. */
    private static Event cursorKey(int fin) {
        return switch (fin) {
            case 'A' -> Key.of(KeyKind.UP);
            case 'B' -> Key.of(KeyKind.DOWN);
            case 'C' -> Key.of(KeyKind.RIGHT);
            case 'D' -> Key.of(KeyKind.LEFT);
            case 'H' -> Key.of(KeyKind.HOME);
            case 'F' -> Key.of(KeyKind.END);
            default -> null;
        };
    }

    private Event csi() throws IOException {
        StringBuilder params = new StringBuilder();
        while (true) {
            int c = in.read(ESC_WAIT_MS);
            if (c < 0) {
                return null;
            }
            if (c >= 0x40 && c <= 0x7e && !(params.length() == 0 && c == '<')) {
                if (c == 'M' && params.length() == 0) {
                    return legacyMouse();
                }
                return finish(params.toString(), (char) c);
            }
            if (params.length() >= MAX_SEQUENCE) {
                return drain();
            }
            params.append((char) c);
        }
    }

    /** Skips the rest of an overlong sequence up to its final byte. */
    private Event drain() throws IOException {
        for (int i = 0; i < 256; i++) {
            int c = in.read(ESC_WAIT_MS);
            if (c < 0 || (c >= 0x40 && c <= 0x7e)) {
                break;
            }
        }
        return null;
    }

    /** X10 mouse report (three bytes after ESC [ M): consumed and ignored, SGR mode is requested. */
    private Event legacyMouse() throws IOException {
        for (int i = 0; i < 3; i++) {
            in.read(ESC_WAIT_MS);
        }
        return null;
    }

    private Event finish(String params, char fin) {
        if (params.startsWith("<")) {
            return MouseDecoder.decode(params.substring(1), fin, nanoClock.getAsLong());
        }
        String first = params.isEmpty() ? "" : params.split(";", -1)[0];
        return switch (fin) {
            case 'Z' -> Key.of(KeyKind.BACK_TAB);
            case '~' -> switch (first) {
                case "1", "7" -> Key.of(KeyKind.HOME);
                case "4", "8" -> Key.of(KeyKind.END);
                case "5" -> Key.of(KeyKind.PAGE_UP);
                case "6" -> Key.of(KeyKind.PAGE_DOWN);
                case "3" -> Key.of(KeyKind.DELETE);
                default -> functionKey(first);
            };
            // xterm's F1-F4 with a modifier: ESC [ 1 ; m P..S.
            case 'P', 'Q', 'R', 'S' -> Key.fn(fin - 'P' + 1);
            default -> cursorKey(fin);
        };
    }
}
