package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class IntervalConverterTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500", "100ms, 100", "10000ms, 10000", "2s, 2000", "1.5s, 1500", "1, 1000", "10, 10000",
        "0.1, 100", "0.25s, 250", "' 2s ', 2000", "150.5ms, 150.5"
    })
    void acceptsMillisecondsSecondsAndBareSeconds(String text, double millis) {
        assertEquals(Duration.ofNanos(Math.round(millis * 1_000_000)), IntervalConverter.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99ms", "0", "0.09s", "10.001s", "10001ms", "11", "3600s"})
    void rejectsOutOfRange(String text) {
        CommandLine.TypeConversionException e =
                assertThrows(CommandLine.TypeConversionException.class, () -> IntervalConverter.parse(text));
        assertTrue(e.getMessage().contains("out of range: 100ms to 10s"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1m", "-1", "1 s", "1.s", ".5s", "1e3ms", "1,5s", "2sec", "ms", "1ms1",
        "99999999999999999999s", "0x10"})
    void rejectsMalformed(String text) {
        CommandLine.TypeConversionException e =
                assertThrows(CommandLine.TypeConversionException.class, () -> IntervalConverter.parse(text));
        assertTrue(e.getMessage().contains("is not an interval"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0s"})
    void isTheConverterPicocliUses(String text) {
        assertEquals(Duration.ofSeconds(1), new IntervalConverter().convert(text));
    }
}
