/**
 * What exporters of snapshots share, so that they expose the same series: {@link
 * org.sstop.core.export.SeriesBook} keeps per-thing counters monotonic while only the top N things
 * have series of their own, and {@link org.sstop.core.export.LabelText} makes untrusted text a
 * label value. Used by the app's Prometheus exporter and by the {@code sstop-micrometer} binder.
 */
package org.sstop.core.export;
