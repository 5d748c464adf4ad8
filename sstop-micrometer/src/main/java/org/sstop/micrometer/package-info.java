/**
 * Micrometer meters for embedders of sstop: {@link org.sstop.micrometer.SstopMetrics} is a
 * {@code MeterBinder} over a {@link org.sstop.core.NetMonitor}. Only applications that use
 * Micrometer need this module.
 */
package org.sstop.micrometer;
