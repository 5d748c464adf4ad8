package org.sstop.app.serve;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sstop.core.export.LabelText;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0 text. The
 * formats differ where a counter is named ({@code # TYPE x_total counter} against
 * {@code # TYPE x counter} with samples {@code x_total}), in {@code # UNIT} lines, in HELP escaping
 * and in the {@code # EOF} that ends OpenMetrics. Label values are untrusted (process names): they
 * are sanitized (no control or bidi character, at most {@value #MAX_LABEL_LENGTH} characters) and
 * escaped ({@code \\}, {@code \"}, {@code \n}). Stateless.
 */
final class ExpositionWriter {

    /** Longest label value kept; longer ones are cut and marked with an ellipsis. */
    static final int MAX_LABEL_LENGTH = LabelText.MAX_LENGTH;

    private ExpositionWriter() {
    }

    /**
     * Writes families in a format.
     *
     * @param families the families, in order
     * @param format the format
     * @return the UTF-8 text
     */
    static byte[] write(List<MetricFamily> families, ExpositionFormat format) {
        StringBuilder sb = new StringBuilder(4096);
        boolean om = format == ExpositionFormat.OPENMETRICS;
        for (MetricFamily f : families) {
            boolean counter = f.type() == MetricFamily.Type.COUNTER;
            String sampleName = counter ? f.name() + "_total" : f.name();
            String familyName = om ? f.name() : sampleName;
            sb.append("# HELP ").append(familyName).append(' ');
            escape(f.help(), om, sb);
            sb.append('\n');
            sb.append("# TYPE ").append(familyName).append(' ').append(counter ? "counter" : "gauge").append('\n');
            if (om && !f.unit().isEmpty()) {
                sb.append("# UNIT ").append(familyName).append(' ').append(f.unit()).append('\n');
            }
            for (MetricFamily.Sample s : f.samples()) {
                sb.append(sampleName);
                List<String> labels = s.labels();
                if (!labels.isEmpty()) {
                    sb.append('{');
                    for (int i = 0; i < labels.size(); i += 2) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append(labels.get(i)).append("=\"");
                        escape(labelValue(labels.get(i + 1)), true, sb);
                        sb.append('"');
                    }
                    sb.append('}');
                }
                sb.append(' ');
                number(s.value(), sb);
                sb.append('\n');
            }
        }
        if (om) {
            sb.append("# EOF\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Untrusted text made a safe label value: no control or bidi characters, bounded length. */
    static String labelValue(String text) {
        return LabelText.of(text);
    }

    /**
     * Backslash and newline always; the double quote in label values (both formats) and in
     * OpenMetrics HELP text.
     */
    static void escape(String text, boolean quote, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '"' -> sb.append(quote ? "\\\"" : "\"");
                default -> sb.append(c);
            }
        }
    }

    /** Whole numbers as integers (counters are exact to the byte, up to 2^53), others in Java's shortest form. */
    static void number(double v, StringBuilder sb) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) <= 0x1p53) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
