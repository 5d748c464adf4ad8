/**
 * {@code sstop --serve}: the Prometheus / OpenMetrics exporter. {@link org.sstop.app.serve.MetricsServer}
 * serves over the JDK's HTTP server what {@link org.sstop.app.serve.MetricsExporter} makes of each
 * sample (top-N series with a monotonic {@code other}, in the writer's two text formats). App code:
 * nothing here is part of the library.
 */
package org.sstop.app.serve;
