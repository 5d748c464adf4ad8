package org.sstop.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Event.Mouse;
import org.sstop.tui.state.Event.MouseKind;

class KeyDecoderTest {

    /** Characters queued as the terminal would send them; an empty queue times out. */
    static final class Queue implements CharSource {
        final ArrayDeque<Integer> chars = new ArrayDeque<>();
        boolean eof;

        Queue(String s) {
            s.chars().forEach(chars::add);
        }

        @Override
        public int read(long timeoutMs) {
            Integer c = chars.poll();
            return c != null ? c : eof ? EOF : TIMEOUT;
        }

        @Override
        public int peek(long timeoutMs) {
            Integer c = chars.peek();
            return c != null ? c : eof ? EOF : TIMEOUT;
        }
    }

    static List<Event> decode(String input) throws Exception {
        KeyDecoder d = new KeyDecoder(new Queue(input), () -> 77);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Event e = d.next(0);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void printableControlAndSpecialKeys() throws Exception {
        assertEquals(List.of(Key.ch('j'), Key.ch('K'), Key.ch(' '), Key.ch('/'), Key.of(KeyKind.ENTER),
                Key.of(KeyKind.ENTER), Key.of(KeyKind.TAB), Key.of(KeyKind.BACKSPACE), Key.of(KeyKind.BACKSPACE),
                Key.ctrl('c'), Key.ctrl('u'), Key.ctrl('d')), decode("jK /\r\n\t\u007f\b\u0003\u0015\u0004"));
    }

    @Test
    void cursorAndEditingSequences() throws Exception {
        assertEquals(List.of(Key.of(KeyKind.UP), Key.of(KeyKind.DOWN), Key.of(KeyKind.RIGHT), Key.of(KeyKind.LEFT),
                Key.of(KeyKind.UP), Key.of(KeyKind.DOWN), Key.of(KeyKind.HOME), Key.of(KeyKind.END),
                Key.of(KeyKind.HOME), Key.of(KeyKind.END), Key.of(KeyKind.HOME), Key.of(KeyKind.END),
                Key.of(KeyKind.PAGE_UP), Key.of(KeyKind.PAGE_DOWN), Key.of(KeyKind.DELETE), Key.of(KeyKind.BACK_TAB),
                Key.of(KeyKind.UP)),
                decode("\033[A\033[B\033[C\033[D\033OA\033OB\033[H\033[F\033[1~\033[4~\033OH\033OF\033[5~\033[6~\033[3~\033[Z\033[1;2A"));
    }

    @Test
    void functionKeysInTheFormsTerminalsSend() throws Exception {
        // SS3 F1-F4 (xterm), CSI 11~-15~ (rxvt), 17~-24~ (F6-F12), and xterm's modified F1-F4 (CSI 1;2P).
        assertEquals(List.of(Key.fn(1), Key.fn(2), Key.fn(3), Key.fn(4), Key.fn(1), Key.fn(3), Key.fn(5), Key.fn(6),
                Key.fn(9), Key.fn(10), Key.fn(12), Key.fn(1), Key.fn(3)),
                decode("\033OP\033OQ\033OR\033OS\033[11~\033[13~\033[15~\033[17~\033[20~\033[21~\033[24~\033[1;2P"
                        + "\033[1;5R"));
        assertEquals(List.of(Key.ch('x')), decode("\033[16~\033[99~x"), "unknown numbers are nothing");
    }

    @Test
    void loneEscapeIsEscAndAltKeyIsTheKey() throws Exception {
        assertEquals(List.of(Key.of(KeyKind.ESC)), decode("\033"));
        assertEquals(List.of(Key.of(KeyKind.ESC), Key.of(KeyKind.ESC)), decode("\033\033"));
        assertEquals(List.of(Key.ch('q')), decode("\033q"));
    }

    @Test
    void sgrMouseReports() throws Exception {
        assertEquals(List.of(new Mouse(MouseKind.PRESS, 0, 9, 4, 77), new Mouse(MouseKind.RELEASE, 0, 9, 4, 77),
                new Mouse(MouseKind.WHEEL_UP, 0, 0, 0, 77), new Mouse(MouseKind.WHEEL_DOWN, 0, 119, 39, 77),
                new Mouse(MouseKind.PRESS, 2, 1, 1, 77), new Mouse(MouseKind.DRAG, 0, 5, 5, 77)),
                decode("\033[<0;10;5M\033[<0;10;5m\033[<64;1;1M\033[<65;120;40M\033[<2;2;2M\033[<32;6;6M"));
    }

    @Test
    void malformedAndUnknownSequencesAreSkippedWithoutLosingWhatFollows() throws Exception {
        assertEquals(List.of(Key.ch('a')), decode("\033[<0;1Ma"));
        assertEquals(List.of(Key.ch('b')), decode("\033[99~b"));
        assertEquals(List.of(Key.ch('c')), decode("\033[" + "1;".repeat(100) + "Xc"));
        assertEquals(List.of(Key.ch('d')), decode("\033[M !!d"));
        assertNull(new KeyDecoder(new Queue("\033["), () -> 0).next(0), "truncated sequence times out");
    }

    @Test
    void surrogatePairsAreOneKey() throws Exception {
        assertEquals(List.of(Key.ch(0x1F600), Key.ch('名')), decode("😀名"));
    }

    @Test
    void endOfInputThrows() {
        Queue q = new Queue("");
        q.eof = true;
        assertThrows(EOFException.class, () -> new KeyDecoder(q, () -> 0).next(0));
    }

    @Test
    void mouseDecoderRejectsNonsense() {
        assertNull(MouseDecoder.decode("0;1", 'M', 0));
        assertNull(MouseDecoder.decode("0;0;1", 'M', 0), "coordinates are 1-based");
        assertNull(MouseDecoder.decode("66;1;1", 'M', 0), "horizontal wheel unused");
        assertNull(MouseDecoder.decode("0;1;1", 'X', 0));
        assertNull(MouseDecoder.decode("99999999999;1;1", 'M', 0));
    }
}
