package org.sstop.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's two formats, its escaping and sanitizing, and the choice of format from Accept. */
class ExpositionTest {

    private static final MetricFamily SENT = new MetricFamily("sstop_process_sent_bytes", MetricFamily.Type.COUNTER, "bytes",
            "Bytes \"sent\" \\ by it.\nSecond line.",
            List.of(new MetricFamily.Sample(List.of("pid", "1", "name", "a\"b\\c\nd"), 12345)));
    private static final MetricFamily DURATION = new MetricFamily("sstop_sample_duration_seconds", MetricFamily.Type.GAUGE,
            "seconds", "How long.", List.of(new MetricFamily.Sample(List.of(), 0.0125)));

    private static String text(List<MetricFamily> f, ExpositionFormat format) {
        return new String(ExpositionWriter.write(f, format), StandardCharsets.UTF_8);
    }

    // A newline in a label value is first sanitized into a visible \n (a backslash and an n), as
    // everywhere in sstop; the backslash is then escaped. HELP text is ours: only escaped.
    @Test
    void prometheusTextNamesCountersWithTotalAndHasNoUnitOrEof() {
        assertEquals("""
                # HELP sstop_process_sent_bytes_total Bytes "sent" \\\\ by it.\\nSecond line.
                # TYPE sstop_process_sent_bytes_total counter
                sstop_process_sent_bytes_total{pid="1",name="a\\"b\\\\c\\\\nd"} 12345
                # HELP sstop_sample_duration_seconds How long.
                # TYPE sstop_sample_duration_seconds gauge
                sstop_sample_duration_seconds 0.0125
                """, text(List.of(SENT, DURATION), ExpositionFormat.PROMETHEUS_TEXT));
    }

    @Test
    void openMetricsNamesTheFamilyWithoutTotalGivesUnitsEscapesQuotesInHelpAndEndsWithEof() {
        assertEquals("""
                # HELP sstop_process_sent_bytes Bytes \\"sent\\" \\\\ by it.\\nSecond line.
                # TYPE sstop_process_sent_bytes counter
                # UNIT sstop_process_sent_bytes bytes
                sstop_process_sent_bytes_total{pid="1",name="a\\"b\\\\c\\\\nd"} 12345
                # HELP sstop_sample_duration_seconds How long.
                # TYPE sstop_sample_duration_seconds gauge
                # UNIT sstop_sample_duration_seconds seconds
                sstop_sample_duration_seconds 0.0125
                # EOF
                """, text(List.of(SENT, DURATION), ExpositionFormat.OPENMETRICS));
        assertEquals("# EOF\n", text(List.of(), ExpositionFormat.OPENMETRICS));
    }

    @Test
    void hostileLabelValuesAreSanitizedBoundedAndStayOnOneLine() {
        String hostile = "evil\u001b]0;x\u0007\u001b[2J\u202e\"}\n# EOF\nfake_metric 1\r\\" + "x".repeat(500) + "\ud800";
        String out = text(List.of(new MetricFamily("m", MetricFamily.Type.GAUGE, "", "h",
                List.of(new MetricFamily.Sample(List.of("name", hostile), 1)))), ExpositionFormat.OPENMETRICS);
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out); // HELP, TYPE, the sample, # EOF
        String sample = lines[2];
        assertTrue(sample.startsWith("m{name=\"evil\\\\e]0;x\\\\a\\\\e[2J\\\\u202e\\\"}\\\\n# EOF\\\\nfake_metric 1\\\\r\\\\xxx"), sample);
        assertTrue(sample.endsWith("…\"} 1"), sample);
        for (char c : sample.toCharArray()) {
            assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u202e' || Character.isSurrogate(c), "raw " + (int) c);
        }
        String value = ExpositionWriter.labelValue(hostile);
        assertEquals(ExpositionWriter.MAX_LABEL_LENGTH, value.length());
        assertEquals(value, ExpositionWriter.labelValue(value), "sanitizing twice changes nothing");
    }

    @Test
    void numbersAreExactIntegersOrShortestDecimalsAndSpecialValuesAsTheFormatsSpell() {
        StringBuilder sb = new StringBuilder();
        for (double v : new double[] {0, 1L << 52, 0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e20}) {
            ExpositionWriter.number(v, sb);
            sb.append(' ');
        }
        assertEquals("0 4503599627370496 0.5 NaN +Inf -Inf 1.0E20 ", sb.toString());
    }

    @Test
    void familiesRefuseANameThatDoesNotEndWithItsUnitOrCarriesTotal() {
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("x_total", MetricFamily.Type.COUNTER, "", "h", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("x_seconds", MetricFamily.Type.GAUGE, "bytes", "h", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily.Sample(List.of("a"), 1));
    }

    @Test
    void negotiationPicksOpenMetricsOnlyWhenAskedForAtLeastAsMuchAsText() {
        // What Prometheus 2.42 sends.
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.negotiate("application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.negotiate("Application/OpenMetrics-Text"));
        assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.negotiate("application/openmetrics-text; version=0.0.1"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate(null));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate(""));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("*/*"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("text/plain;version=0.0.4"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("application/openmetrics-text;q=0.4,text/plain;q=0.5"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("application/openmetrics-text;q=0"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("application/openmetrics-text;q=banana"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("application/openmetrics-text;version=2.0.0"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("application/json"));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate(";;;,,,=;q=,"));
        // A hostile header is read only so far: the 33rd range is not looked at.
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.negotiate("x/y,".repeat(40) + "application/openmetrics-text"));
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OPENMETRICS.contentType());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.PROMETHEUS_TEXT.contentType());
    }

    @Test
    void gzipIsUsedWhenAcceptedAndNotRefused() {
        assertTrue(MetricsServer.acceptsGzip("gzip"));
        assertTrue(MetricsServer.acceptsGzip("deflate, GZIP;q=0.5"));
        assertFalse(MetricsServer.acceptsGzip(""));
        assertFalse(MetricsServer.acceptsGzip("identity"));
        assertFalse(MetricsServer.acceptsGzip("gzip;q=0"));
        assertFalse(MetricsServer.acceptsGzip("gzip; q=0.000"));
    }
}
