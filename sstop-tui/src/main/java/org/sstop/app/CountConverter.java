package org.sstop.app;

import picocli.CommandLine;

/**
 * Parses {@code --count}: a whole number of samples. Its range (at least 1) is checked with the
 * other options' combinations in {@link UsageCheck}, so that every usage error reads alike.
 */
public final class CountConverter implements CommandLine.ITypeConverter<Long> {

    /**
     * Parses a count.
     *
     * @param text the option's value
     * @return the count
     * @throws CommandLine.TypeConversionException when it is not a whole number
     */
    @Override
    public Long convert(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number of samples (a whole number, e.g. 10)");
        }
    }
}
