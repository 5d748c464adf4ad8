package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A user named by its uid is told from a real name without a string per process per sample. */
class SnapshotAssemblerDecimalTest {

    @ParameterizedTest(name = "''{0}'' is {1}: {2}")
    @CsvSource({
        "1000, 1000, true",
        "0, 0, true",
        "2147483647, 2147483647, true",
        "1000, 100, false",
        "01000, 1000, false",
        "00, 0, false",
        "alice, 1000, false",
        "1000a, 1000, false",
        "-1, -1, false",
        "99999999999, 1215752191, false",
        "'', 0, false",
    })
    void matchesIntegerToString(String text, int n, boolean expected) {
        assertEquals(expected, SnapshotAssembler.isDecimal(text, n));
        assertEquals(n >= 0 && text.equals(Integer.toString(n)), SnapshotAssembler.isDecimal(text, n), "as Integer.toString would say");
    }
}
