package org.sstop.app.serve;

import java.util.Locale;

/**
 * The two text formats {@code /metrics} speaks, and the choice between them from a scraper's
 * {@code Accept} header.
 */
enum ExpositionFormat {
    /** The Prometheus text format 0.0.4: what any scraper understands, the default. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0.0 text: counters' families without {@code _total}, units, {@code # EOF}. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    /** Bounds the work on a hostile header: more media ranges than this are not read. */
    private static final int MAX_RANGES = 32;

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The {@code Content-Type} of a response in this format. */
    String contentType() {
        return contentType;
    }

    /**
     * The format for an {@code Accept} header: OpenMetrics when the scraper accepts
     * {@code application/openmetrics-text} (version 1.0.0, 0.0.1 or unversioned) at least as much
     * as plain text; the Prometheus text format otherwise, also when the header is missing, malformed
     * or accepts neither (a scraper that cannot read text would read nothing better).
     *
     * @param accept the header's value, or null
     * @return the format to answer in
     */
    static ExpositionFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return PROMETHEUS_TEXT;
        }
        double openMetrics = 0;
        double text = 0;
        String[] ranges = accept.split(",", MAX_RANGES + 1);
        for (int i = 0; i < Math.min(ranges.length, MAX_RANGES); i++) {
            String[] parts = ranges[i].split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            String version = null;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].strip();
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = param.substring(eq + 1).strip();
                if (key.equals("q")) {
                    q = quality(value);
                } else if (key.equals("version")) {
                    version = value;
                }
            }
            switch (type) {
                case "application/openmetrics-text" -> {
                    if (version == null || version.equals("1.0.0") || version.equals("0.0.1")) {
                        openMetrics = Math.max(openMetrics, q);
                    }
                }
                case "text/plain" -> {
                    if (version == null || version.equals("0.0.4")) {
                        text = Math.max(text, q);
                    }
                }
                case "text/*", "*/*" -> text = Math.max(text, q);
                default -> {
                }
            }
        }
        return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** A q value, 0 to 1; anything malformed counts as 0 (not acceptable), as RFC 9110 allows no other. */
    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
