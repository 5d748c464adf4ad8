package org.sstop.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sstop.tui.text.Sanitizer;

/**
 * Shared JSON settings of the app's output: a factory whose generators escape every character
 * that could act on a terminal, and the time format.
 *
 * <p>JSON is data, so names stay lossless: rather than rewriting them as the terminal
 * {@link Sanitizer} does, the generator writes C0 controls, DEL, C1 controls,
 * bidirectional controls and line/paragraph separators as {@code \\uXXXX} escapes. A parser gets
 * the exact name back, and the output itself never carries such a character raw (safe to
 * {@code cat} or {@code tail -f}).
 */
final class JsonText {

    /** ISO-8601 UTC with exactly three fraction digits, as in the schema's example. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonText() {
    }

    /**
     * A factory for generators with {@link TerminalSafeEscapes}; no auto-close of the target, and
     * nothing between root values (Jackson's default space would start every line after the first).
     */
    static JsonFactory factory() {
        JsonFactory factory = JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        factory.setRootValueSeparator(null);
        factory.setCharacterEscapes(new TerminalSafeEscapes());
        return factory;
    }

    /** Formats a time for the {@code time} field. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** Standard JSON escaping plus {@code \\uXXXX} for every terminal control beyond C0 ({@link Sanitizer#isUnsafe}). */
    static final class TerminalSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final int[] ASCII;

        static {
            int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
            codes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
            ASCII = codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Called for non-ASCII characters only; null writes the character as it is.
            return Sanitizer.isUnsafe(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
