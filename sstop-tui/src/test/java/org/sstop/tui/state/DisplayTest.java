package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Totals in a fixed unit never cut a number in a column too narrow for it. */
class DisplayTest {

    @Test
    void aTotalTooWideForItsColumnIsShownInAUnitThatFits() {
        Display bytes = Display.DEFAULT.withTotalsUnit(Display.TotalsUnit.B);
        String exact = bytes.total(7_978_409_293d);
        assertTrue(exact.length() > 11, exact);
        String shown = bytes.total(7_978_409_293d, 11);
        assertTrue(shown.length() <= 11, shown);
        assertEquals(Display.DEFAULT.total(7_978_409_293d), shown, "the unit that fits, not '7978409293…'");
        assertEquals(bytes.total(5000), bytes.total(5000, 11), "what fits stays in the chosen unit");
        assertEquals(bytes.rate(5000), bytes.amount(5000, false, 3), "rates are as before");
    }
}
