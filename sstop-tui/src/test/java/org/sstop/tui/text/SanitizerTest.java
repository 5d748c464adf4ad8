package org.sstop.tui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SanitizerTest {

    @Test
    void cleanTextIsReturnedAsIs() {
        String name = "nginx: worker ünïcødé 名前";
        assertSame(name, Sanitizer.clean(name));
    }

    @Test
    void terminalEscapesBecomeVisible() {
        assertEquals("\\e]0;x\\a", Sanitizer.clean("\u001b]0;x\u0007"));
        assertEquals("evil\\e[2J", Sanitizer.clean("evil\u001b[2J"));
        assertEquals("a\\x9b31mb", Sanitizer.clean("a\u009b31mb"));
        assertEquals("\\x7f\\x00\\n", Sanitizer.clean("\u007f\u0000\n"));
    }

    /**
     * Cleaning twice changes nothing, so text may be cleaned at every layer it passes. This is why
     * a backslash is not doubled: the text of an escape ({@code \e[31m} typed out) then reads like
     * a cleaned control character, but it can do nothing to a terminal, and JSON has the exact bytes.
     */
    @Test
    void cleaningTwiceChangesNothing() {
        for (String text : new String[] {"a\u001b[31m\\e[31m", "x\uD800\u202e\n\\", "\u0000".repeat(5000), "grep -E '\\d+'"}) {
            String once = Sanitizer.clean(text);
            assertEquals(once, Sanitizer.clean(once), text);
        }
    }

    @Test
    void bidiOverridesAreEscaped() {
        assertEquals("abc\\u202ecba", Sanitizer.clean("abc\u202ecba"));
    }

    @Test
    void loneSurrogatesAreReplacedAndPairsKept() {
        assertEquals("x\uFFFDy", Sanitizer.clean("x\uD800y"));
        assertEquals("😀", Sanitizer.clean("😀"));
    }

    @Test
    void nullIsEmptyAndHugeTextIsBounded() {
        assertEquals("", Sanitizer.clean(null));
        String out = Sanitizer.clean("\u001b".repeat(100_000));
        assertTrue(out.length() <= Sanitizer.MAX_LENGTH + 1);
        assertTrue(out.endsWith("…"));
        for (char c : out.toCharArray()) {
            assertFalse(Sanitizer.isUnsafe(c), "unsafe char survived: " + (int) c);
        }
    }
}
