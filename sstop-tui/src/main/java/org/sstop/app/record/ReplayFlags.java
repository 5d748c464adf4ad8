package org.sstop.app.record;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses and checks the record and replay flags ({@code --speed}, {@code --seek}, and which other
 * flags go with {@code --replay}), so that {@code Main} only hands them over. Stateless.
 */
public final class ReplayFlags {

    /** {@code 1h2m3.5s}, {@code 90s}, {@code 500ms}, {@code 2m}: at least one part, in this order. */
    private static final Pattern OFFSET = Pattern.compile(
            "(?:(\\d{1,6})h)?(?:(\\d{1,6})m(?!s))?(?:(\\d{1,9}(?:\\.\\d{1,9})?)s)?(?:(\\d{1,9})ms)?");
    /** Fastest replay speed a flag may ask for. */
    static final double MAX_SPEED = 1000;

    private ReplayFlags() {
    }

    /**
     * A {@code --seek} value: time since the first sample ({@link Duration}) or a time in the
     * recording ({@link Instant}, ISO 8601 in UTC, e.g. {@code 2026-12-01T05:00:00Z}).
     *
     * @param text the flag's value
     * @return a Duration or an Instant
     * @throws CommandLine.TypeConversionException when it is neither
     */
    public static Object seek(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = OFFSET.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) {
                d = d.plusHours(Long.parseLong(m.group(1)));
            }
            if (m.group(2) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(2)));
            }
            if (m.group(3) != null) {
                d = d.plusNanos(new java.math.BigDecimal(m.group(3)).movePointRight(9).longValue());
            }
            if (m.group(4) != null) {
                d = d.plusMillis(Long.parseLong(m.group(4)));
            }
            return d;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("--seek: '" + text + "' is neither a time since the first "
                    + "sample (90s, 2m, 1h5m, 500ms) nor a time in the recording (2026-12-01T05:00:00Z)");
        }
    }

    /**
     * What is wrong with the record and replay flags: a flag that does not go with {@code --replay},
     * a replay-only flag without it, a speed or seek that is out of range or malformed.
     *
     * @param replay whether {@code --replay} is given
     * @param record whether {@code --record} is given
     * @param serve whether {@code --serve} is given
     * @param backendFlags whether {@code --backends}, {@code --source} or {@code --backend} is given
     * @param speed {@code --speed}, or null
     * @param seek {@code --seek}, or null
     * @return a problem for the user, or null
     */
    public static String problem(boolean replay, boolean record, boolean serve, boolean backendFlags, Double speed,
            String seek) {
        if (!replay) {
            return speed != null || seek != null ? "--speed and --seek need --replay" : null;
        }
        if (speed != null && !(speed > 0 && speed <= MAX_SPEED)) {
            return "--speed must be more than 0 and at most " + (int) MAX_SPEED + " (1, 2, 10 ...), not " + speed;
        }
        if (seek != null) {
            try {
                seek(seek);
            } catch (CommandLine.TypeConversionException e) {
                return e.getMessage();
            }
        }
        if (record) {
            return "--replay and --record cannot be used together (a replay to --json writes the same lines)";
        }
        if (serve) {
            return "--replay and --serve cannot be used together";
        }
        if (backendFlags) {
            return "--replay shows a recording: --backends, --source and --backend do not apply";
        }
        return null;
    }
}
