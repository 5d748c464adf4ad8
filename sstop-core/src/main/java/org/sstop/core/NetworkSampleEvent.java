package org.sstop.core;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code org.sstop.NetworkSample}: one per sample of a monitor built with
 * {@link NetMonitor.Builder#jfrEvents(boolean)}; its duration is the time the sample took.
 * Written only by {@link JfrEvents}.
 */
@Name("org.sstop.NetworkSample")
@Label("Network Sample")
@Category({"sstop", "Network"})
@Description("The host's network traffic in one sample of an sstop monitor: payload bytes (loopback excluded), "
        + "what no process could be charged for, and the coverage against the interface counters")
@StackTrace(false)
final class NetworkSampleEvent extends jdk.jfr.Event {

    @Label("Sequence")
    @Description("The monitor's sample number (1: the baseline)")
    long sequence;

    @Label("Upload Rate")
    @Description("Smoothed upload rate of the host")
    @DataAmount
    @Frequency
    long upRate;

    @Label("Download Rate")
    @Description("Smoothed download rate of the host")
    @DataAmount
    @Frequency
    long downRate;

    @Label("Sent")
    @Description("Payload bytes the host sent in this sample")
    @DataAmount
    long upDelta;

    @Label("Received")
    @Description("Payload bytes the host received in this sample")
    @DataAmount
    long downDelta;

    @Label("Total Sent")
    @Description("Payload bytes the host sent since the monitor started")
    @DataAmount
    long upBytes;

    @Label("Total Received")
    @Description("Payload bytes the host received since the monitor started")
    @DataAmount
    long downBytes;

    @Label("Unattributed Sent")
    @Description("Of the total sent, bytes no process could be charged for")
    @DataAmount
    long unattributedUpBytes;

    @Label("Unattributed Received")
    @Description("Of the total received, bytes no process could be charged for")
    @DataAmount
    long unattributedDownBytes;

    @Label("Counted Payload")
    @Description("Coverage in this sample: payload counted leaving or entering the host, up plus down")
    @DataAmount
    long payloadBytes;

    @Label("Interface Bytes")
    @Description("Coverage in this sample: bytes the non-loopback interfaces counted, headers included")
    @DataAmount
    long interfaceBytes;

    @Label("Estimated Header Bytes")
    @Description("Coverage in this sample: the part of the interface bytes estimated to be headers")
    @DataAmount
    long estimatedHeaderBytes;

    @Label("Forwarded Bytes")
    @Description("Coverage in this sample: payload seen passing through the host")
    @DataAmount
    long forwardedBytes;

    @Label("Coverage")
    @Description("Counted payload per byte of interface payload in this sample (NaN: the interfaces counted none)")
    double coverage;

    @Label("Total Coverage")
    @Description("Counted payload per byte of interface payload since the monitor started")
    double totalCoverage;

    @Label("Processes")
    @Description("Processes in the snapshot, exited ones included")
    int processes;

    @Label("Visibility Limited")
    @Description("Whether something limits what the monitor sees (see the snapshot's visibility)")
    boolean visibilityLimited;
}
