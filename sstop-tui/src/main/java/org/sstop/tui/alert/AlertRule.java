package org.sstop.tui.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sstop.tui.filter.Filter;
import org.sstop.tui.filter.FilterParser;
import org.sstop.tui.filter.FilterSyntaxException;

/**
 * An alert rule: a condition in the filter language ({@link FilterParser}) that a process must
 * meet, for at least {@code hold} without a break: {@code up>10M for 5s}, {@code conns>100},
 * {@code name:curl AND down>1M for 1m}. Immutable.
 *
 * @param text the rule as written (trimmed), which names it in the UI, the JSON output and the
 *     command's environment
 * @param condition the parsed condition
 * @param hold how long the condition must hold (zero: at the first sample that meets it)
 */
public record AlertRule(String text, Filter condition, Duration hold) {

    /** The longest hold a rule may ask for. */
    public static final Duration MAX_HOLD = Duration.ofDays(1);
    /** The longest duration text read ({@code 1500ms} is 6). */
    private static final int MAX_DURATION_CHARS = 16;

    /**
     * Parses a rule: a filter expression, optionally followed by {@code for DURATION}
     * ({@code 500ms}, {@code 5s}, {@code 1.5m}, {@code 1h}). Every text is an expression here, as
     * with {@code --filter}: a plain word matches as the search does.
     *
     * @param text the rule (untrusted: its length is bounded by {@link FilterParser#MAX_LENGTH})
     * @return the rule
     * @throws FilterSyntaxException with the position, in {@code text}, of the first error
     */
    public static AlertRule parse(String text) throws FilterSyntaxException {
        if (text.length() > FilterParser.MAX_LENGTH) {
            throw new FilterSyntaxException(FilterParser.MAX_LENGTH, "longer than " + FilterParser.MAX_LENGTH + " characters");
        }
        // Whitespace-separated words, spaces inside quotes kept: where "for" stands, if anywhere.
        List<int[]> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean quoted = false;
            while (i < n && (quoted || !Character.isWhitespace(text.charAt(i)))) {
                quoted ^= text.charAt(i) == '"';
                i++;
            }
            if (i > start) {
                words.add(new int[] {start, i});
            }
        }
        int at = -1;
        for (int w = 0; w < words.size(); w++) {
            if (text.substring(words.get(w)[0], words.get(w)[1]).equalsIgnoreCase("for")) {
                if (w != words.size() - 2) {
                    throw w == words.size() - 1
                            ? new FilterSyntaxException(n, "expected a duration after 'for' (500ms, 5s, 1m)")
                            : new FilterSyntaxException(words.get(w)[0], "'for DURATION' goes at the end of a rule"
                                    + " (\"for\" in quotes matches the word)");
                }
                at = w;
            }
        }
        if (at < 0) {
            return new AlertRule(text.strip(), FilterParser.parse(text), Duration.ZERO);
        }
        int forStart = words.get(at)[0];
        if (at == 0) {
            throw new FilterSyntaxException(forStart, "expected a condition before 'for'");
        }
        int[] last = words.get(at + 1);
        Filter condition = FilterParser.parse(text.substring(0, forStart)); // positions stay those of text
        Duration hold = duration(text.substring(last[0], last[1]), last[0]);
        return new AlertRule(text.strip(), condition, hold);
    }

    /**
     * A duration: a number and a unit, {@code ms}, {@code s}, {@code m} or {@code h}.
     *
     * @param v the text
     * @param pos where it starts in the rule
     * @return the duration, more than zero and at most {@link #MAX_HOLD}
     * @throws FilterSyntaxException when it is not one
     */
    static Duration duration(String v, int pos) throws FilterSyntaxException {
        String lower = v.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length() && i < MAX_DURATION_CHARS && (Character.isDigit(lower.charAt(i)) || lower.charAt(i) == '.')) {
            i++;
        }
        String unit = lower.substring(i);
        double scale = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> -1;
        };
        if (i == 0 || i >= MAX_DURATION_CHARS || scale < 0) {
            throw new FilterSyntaxException(i == 0 || i >= MAX_DURATION_CHARS ? pos : pos + i,
                    "expected a duration after 'for' (500ms, 5s, 1m, 1h)");
        }
        double millis;
        try {
            millis = Double.parseDouble(lower.substring(0, i)) * scale;
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(pos, "expected a number before the unit (500ms, 5s, 1.5m)");
        }
        if (!(millis >= 1) || millis > MAX_HOLD.toMillis()) {
            throw new FilterSyntaxException(pos, "expected a duration from 1ms to 24h");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
