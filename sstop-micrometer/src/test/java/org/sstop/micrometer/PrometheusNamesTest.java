package org.sstop.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.micrometer.Snapshots.process;
import static org.sstop.micrometer.Snapshots.snapshot;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.NetMonitor;

/** Through Micrometer's Prometheus registry the meters get the names the app's {@code --serve} exporter uses. */
class PrometheusNamesTest {

    @Test
    void aPrometheusRegistryWritesTheExportersNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (NetMonitor monitor = Snapshots.idleMonitor();
                SstopMetrics metrics = new SstopMetrics(monitor, Tags.empty(), 1, Duration.ofMinutes(5))) {
            metrics.bindTo(registry);
            metrics.onSnapshot(snapshot(1, List.of(process(10, 1, "curl", 300, 3000, 30, false),
                    process(11, 1, "ssh", 1, 5, 0, false))));
            String text = registry.scrape();
            for (String line : List.of(
                    "sstop_process_sent_bytes_total{container=\"none\",name=\"curl\",pid=\"10\",user=\"root\"} 3000.0",
                    "sstop_process_received_bytes_total{container=\"other\",name=\"other\",pid=\"other\",user=\"other\"} 0.0",
                    "sstop_process_connections{container=\"none\",name=\"curl\",pid=\"10\",user=\"root\"} 3.0",
                    "sstop_process_listening_sockets{",
                    "sstop_process_sent_rate_bytes_per_second{container=\"none\",name=\"curl\",pid=\"10\",user=\"root\"} 300.0",
                    "sstop_sent_bytes_total 5000.0",
                    "sstop_unattributed_sent_bytes_total{reason=\"no_permission\"} 300.0",
                    "sstop_interface_received_bytes_total{interface=\"eth0\",netns=\"0\"} 22.0",
                    "sstop_coverage_payload_bytes_total 12000.0",
                    "sstop_coverage_ratio ",
                    "sstop_capture_dropped_packets_total 3.0",
                    "sstop_close_notifications_lost_total 4.0",
                    "sstop_sample_duration_seconds ",
                    "sstop_samples_total 1.0")) {
                assertTrue(text.contains(line), line + " in\n" + text);
            }
        }
    }
}
