package org.sstop.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlCharactersAreEscapedNewlinesAndTabsStay() {
        assertEquals("a\\x1b[31mred\\x07\tb\nc\\x0d\\x7f\\x9b\\u202eevil\\x00", SafeText.of("a\u001b[31mred\u0007\tb\nc\r\u007f\u009b\u202eevil\u0000"));
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "tcp4 0 0 10.0.0.1.443 *.* LISTEN\n\u00e9\u0416 \u4e2d\n";
        assertSame(s, SafeText.of(s));
    }
}
