package org.sstop.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sstop.core.NetMonitor;
import picocli.CommandLine;

/**
 * Parses {@code --interval}: {@code 500ms}, {@code 2s}, {@code 1.5s} or a bare number of seconds
 * ({@code 1}), between {@link NetMonitor#MIN_INTERVAL} and {@link NetMonitor#MAX_INTERVAL}.
 */
public final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,9})?)(ms|s)?");

    /**
     * Parses an interval.
     *
     * @param text the option's value
     * @return the interval
     * @throws CommandLine.TypeConversionException when it is malformed or out of range
     */
    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /**
     * Parses an interval (the same as {@link #convert}, callable without an instance).
     *
     * @param text e.g. {@code 500ms}, {@code 2s}, {@code 1}
     * @return the interval
     * @throws CommandLine.TypeConversionException when it is malformed or out of range
     */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not an interval (use e.g. 500ms, 2s, 1.5s or 1 for seconds)");
        }
        BigDecimal nanosPerUnit = BigDecimal.valueOf("ms".equals(m.group(2)) ? 1_000_000L : 1_000_000_000L);
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(NetMonitor.MIN_INTERVAL.toNanos())) < 0
                || nanos.compareTo(BigDecimal.valueOf(NetMonitor.MAX_INTERVAL.toNanos())) > 0) {
            throw new CommandLine.TypeConversionException(
                    "interval '" + text + "' is out of range: 100ms to 10s");
        }
        // At most 10 s in nanoseconds: exact after rounding away sub-nanosecond digits.
        return Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }
}
