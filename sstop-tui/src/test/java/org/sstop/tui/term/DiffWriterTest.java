package org.sstop.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.Update;
import org.sstop.tui.state.UiState;
import org.sstop.tui.testing.Fixtures;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

class DiffWriterTest {

    final DiffWriter writer = new DiffWriter(ColorMode.TRUECOLOR);

    /** Styles without MONO_REVERSE and MONO_UNDERLINE, which a truecolor terminal never sees. */
    static CellBuffer visible(CellBuffer b) {
        CellBuffer out = new CellBuffer(b.width(), b.height(), 0);
        for (int y = 0; y < b.height(); y++) {
            for (int x = 0; x < b.width(); x++) {
                int cp = b.charAt(x, y);
                if (cp == CellBuffer.WIDE_TAIL) {
                    continue;
                }
                long st = b.styleAt(x, y);
                st = Style.of(Style.fg(st), Style.bg(st), Style.attrs(st) & ~(Style.MONO_REVERSE | Style.MONO_UNDERLINE));
                out.put(x, y, new String(Character.toChars(cp)), st, b.width());
            }
        }
        return out;
    }

    static void assertScreen(CellBuffer expected, VirtualScreen screen) {
        CellBuffer want = visible(expected);
        assertEquals(want.toString(), screen.cells.toString());
        assertTrue(want.sameAs(screen.cells), "styles match");
    }

    @Test
    void fullRenderThenDiffsReproduceEachFrame() {
        Update update = new Update(1);
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        s = update.apply(s, new Event.SnapshotArrived(Fixtures.full(200, true))).state();
        VirtualScreen screen = new VirtualScreen(120, 40);
        CellBuffer prev = null;
        Event[] events = {Event.Key.ch('j'), Event.Key.ch('j'), Event.Key.ch('?'), Event.Key.ch('?'), Event.Key.ch('h'),
            Event.Key.ch('l'), Event.Key.ch('l'), Event.Key.of(Event.KeyKind.ENTER), Event.Key.of(Event.KeyKind.ESC),
            Event.Key.ch('K'), Event.Key.ch('j'), Event.Key.of(Event.KeyKind.ENTER), Event.Key.ch('n'),
            Event.Key.of(Event.KeyKind.ESC), Event.Key.ch('/'), Event.Key.ch('1'), Event.Key.of(Event.KeyKind.ESC),
            new Event.SnapshotArrived(Fixtures.full(20, false)), Event.Key.ch('m'), Event.Key.ch('G')};
        for (Event e : events) {
            CellBuffer next = Screen.render(s, Names.NONE);
            String out = writer.diff(prev, next);
            screen.apply(out);
            assertScreen(next, screen);
            if (prev != null && prev.sameAs(next)) {
                assertEquals("", out);
            }
            prev = next;
            s = update.apply(s, e).state();
        }
    }

    @Test
    void randomFramesWithWideCharactersConverge() {
        Random r = new Random(42);
        String[] pieces = {"a", "名", "😀", " ", "xyz", "前テ", "é"};
        int[] colors = {Theme.FG, Theme.UPLOAD, Theme.DOWNLOAD, Theme.BG};
        VirtualScreen screen = new VirtualScreen(30, 6);
        CellBuffer prev = null;
        for (int frame = 0; frame < 300; frame++) {
            CellBuffer next = new CellBuffer(30, 6, Theme.TEXT);
            if (prev != null && r.nextBoolean()) {
                next = copy(prev);
            }
            for (int k = 0; k < 12; k++) {
                long st = Style.of(colors[r.nextInt(4)], colors[r.nextInt(4)], r.nextInt(16));
                next.put(r.nextInt(31) - 1, r.nextInt(6), pieces[r.nextInt(pieces.length)], st, 30);
            }
            screen.apply(writer.diff(prev, next));
            assertScreen(next, screen);
            prev = next;
        }
    }

    static CellBuffer copy(CellBuffer b) {
        CellBuffer c = new CellBuffer(b.width(), b.height(), 0);
        for (int y = 0; y < b.height(); y++) {
            for (int x = 0; x < b.width(); x++) {
                if (b.charAt(x, y) != CellBuffer.WIDE_TAIL) {
                    c.put(x, y, new String(Character.toChars(b.charAt(x, y))), b.styleAt(x, y), b.width());
                }
            }
        }
        return c;
    }

    @Test
    void smallChangeWritesLittle() {
        CellBuffer a = new CellBuffer(200, 50, Theme.TEXT);
        CellBuffer b = copy(a);
        b.put(10, 20, "hello", Theme.TITLE);
        String out = writer.diff(a, b);
        assertTrue(out.length() < 80, out);
        assertTrue(out.startsWith("\033[21;11H"), out);
        assertTrue(out.contains("hello"));
        assertFalse(out.contains("\033[2J"));
    }

    @Test
    void colourModes() {
        CellBuffer a = new CellBuffer(4, 1, Style.of(0x9ece6a, 0x1a1b26, Style.MONO_REVERSE));
        String tc = new DiffWriter(ColorMode.TRUECOLOR).diff(null, a);
        assertTrue(tc.contains("38;2;158;206;106") && tc.contains("48;2;26;27;38") && !tc.contains(";7"), tc);
        String c256 = new DiffWriter(ColorMode.ANSI256).diff(null, a);
        assertTrue(c256.contains("38;5;" + ColorMode.to256(0x9ece6a)) && !c256.contains("38;2"), c256);
        String none = new DiffWriter(ColorMode.NONE).diff(null, a);
        assertFalse(none.contains("38;") || none.contains("48;"), none);
        assertTrue(none.contains("\033[0;7m"), "highlight survives without colour: " + none);
    }

    @Test
    void withoutColourTheColumnHeaderIsUnderlinedAndOnlyTheSelectedRowReversed() {
        CellBuffer b = new CellBuffer(2, 1, Theme.HEADER);
        b.put(1, 0, " ", Theme.SELECTED);
        String none = new DiffWriter(ColorMode.NONE).diff(null, b);
        assertTrue(none.contains("\033[0;1;4m \033[0;1;7m "), "header bold underlined, selection bold reversed: " + none);
        String tc = new DiffWriter(ColorMode.TRUECOLOR).diff(null, b);
        assertFalse(tc.contains("[0;1;4;") || tc.contains("[0;1;7;"), "with colour the background tells them apart: " + tc);
    }

    @Test
    void to256PicksNearbyColours() {
        assertEquals(16, ColorMode.to256(0x000000));
        assertEquals(231, ColorMode.to256(0xffffff));
        assertEquals(196, ColorMode.to256(0xff0000));
        int grey = ColorMode.to256(0x808080);
        assertTrue(grey >= 232 || grey == 102 || grey == 244, "grey: " + grey);
    }

    @Test
    void colourModeDetection() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("TERM", "xterm-256color");
        assertEquals(ColorMode.ANSI256, ColorMode.detect(env, "xterm-256color", 256));
        env.put("COLORTERM", "truecolor");
        assertEquals(ColorMode.TRUECOLOR, ColorMode.detect(env, "xterm-256color", 256));
        env.put("COLORTERM", "24bit");
        assertEquals(ColorMode.TRUECOLOR, ColorMode.detect(env, "xterm-256color", 256));
        env.remove("COLORTERM");
        env.put("TMUX", "/tmp/tmux-0/default,1,0");
        assertEquals(ColorMode.TRUECOLOR, ColorMode.detect(env, "tmux-256color", 256));
        env.put("NO_COLOR", "");
        assertEquals(ColorMode.NONE, ColorMode.detect(env, "tmux-256color", 256));
        env.clear();
        env.put("TERM", "dumb");
        assertEquals(ColorMode.NONE, ColorMode.detect(env, "dumb", -1));
        assertEquals(ColorMode.NONE, ColorMode.detect(java.util.Map.of(), "dumb-color", -1));
    }
}
