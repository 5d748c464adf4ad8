package org.sstop.tui.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.filter.FilterParser;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.testing.Fixtures;

/** The rule language: a filter expression with an optional 'for DURATION', and every error's position. */
class AlertRuleTest {

    static final ProcessStats FAST = Fixtures.process(7, "curl", "curl -O x", 12.0 * 1024 * 1024, 0, ProcessState.RUNNING, List.of());
    static final ProcessStats SLOW = Fixtures.process(8, "curl", "curl -O y", 1024, 0, ProcessState.RUNNING, List.of());

    static AlertRule parse(String text) {
        try {
            return AlertRule.parse(text);
        } catch (FilterSyntaxException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "up>10M for 5s           | 5000",
        "up>10M FOR 500ms        | 500",
        "up>10M for 1.5m         | 90000",
        "up>10M for 1h           | 3600000",
        "'  up>10M   for   2s  ' | 2000",
        "up>10M                  | 0",
        "name:curl AND up>10M for 1s | 1000",
        "(up>10M OR down>10M) for 3s | 3000",
    })
    void holdIsTheForSuffixAndTheConditionTheRest(String text, long holdMillis) {
        AlertRule r = parse(text);
        assertEquals(Duration.ofMillis(holdMillis), r.hold());
        assertEquals(text.strip(), r.text());
        assertTrue(r.condition().test(FAST), text);
        assertFalse(r.condition().test(SLOW), text);
    }

    @Test
    void aQuotedForIsAWordNotTheSuffix() {
        AlertRule r = parse("\"curl -O for 5s\"");
        assertEquals(Duration.ZERO, r.hold());
        assertFalse(r.condition().test(FAST), "the whole quoted text is one word to match");
        AlertRule word = parse("\"for\" for 2s");
        assertEquals(Duration.ofSeconds(2), word.hold());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "up>10M for          | 10 | expected a duration after 'for'",
        "up>10M for 5        | 12 | expected a duration after 'for'",
        "up>10M for 5x       | 12 | expected a duration after 'for'",
        "up>10M for s        | 11 | expected a duration after 'for'",
        "up>10M for 5s now   | 7  | 'for DURATION' goes at the end",
        "for 5s              | 0  | expected a condition before 'for'",
        "up>10Q for 5s       | 5  | expected a unit",
        "port:99999 for 1s   | 5  | expected a port",
        "up>1M for 0ms       | 10 | from 1ms to 24h",
        "up>1M for 25h       | 10 | from 1ms to 24h",
        "up>1M for 1.2.3s    | 10 | expected a number",
        "(up>1M for 5s       | 7  | expected ')'",
        "''                  | 0  | empty expression",
    })
    void wrongRulesSayWhereAndWhy(String text, int position, String reason) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void hostileAndHugeInputIsBoundedAndFast() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            String huge = "up>1M ".repeat(10_000) + "for 5s";
            FilterSyntaxException tooLong = assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(huge));
            assertEquals(FilterParser.MAX_LENGTH, tooLong.position());
            String spaces = " ".repeat(FilterParser.MAX_LENGTH - 10) + "for 5s";
            FilterSyntaxException blank = assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(spaces));
            assertEquals(FilterParser.MAX_LENGTH - 10, blank.position(), "at the 'for' with nothing before it");
            String manyFors = "for ".repeat(240);
            assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(manyFors));
            String digits = "up>1M for " + "9".repeat(900) + "s";
            FilterSyntaxException d = assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(digits));
            assertEquals(10, d.position());
            String quotes = "\"".repeat(999);
            assertThrows(FilterSyntaxException.class, () -> AlertRule.parse(quotes));
        });
        AlertRule escapes = parse("name:\u001b[31m for 1s");
        assertEquals(Duration.ofSeconds(1), escapes.hold());
    }
}
