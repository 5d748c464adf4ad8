package org.sstop.core;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code org.sstop.ProcessTraffic}: per sample, one per process whose traffic reached the
 * monitor's threshold ({@link NetMonitor.Builder#jfrProcessThreshold(long)}). Written only by
 * {@link JfrEvents}.
 */
@Name("org.sstop.ProcessTraffic")
@Label("Process Traffic")
@Category({"sstop", "Network"})
@Description("A process's network traffic in one sample of an sstop monitor (payload bytes), when it reached the threshold")
@StackTrace(false)
final class ProcessTrafficEvent extends jdk.jfr.Event {

    @Label("Sequence")
    @Description("The monitor's sample number, as in the Network Sample event")
    long sequence;

    @Label("PID")
    int pid;

    @Label("Name")
    @Description("The process's short name (sanitized)")
    String name;

    @Label("User")
    String user;

    @Label("Container")
    @Description("The container, service or session it runs in; empty if none")
    String container;

    @Label("Exited")
    boolean exited;

    @Label("Upload Rate")
    @DataAmount
    @Frequency
    long upRate;

    @Label("Download Rate")
    @DataAmount
    @Frequency
    long downRate;

    @Label("Sent")
    @Description("Payload bytes sent in this sample")
    @DataAmount
    long upDelta;

    @Label("Received")
    @Description("Payload bytes received in this sample")
    @DataAmount
    long downDelta;

    @Label("Total Sent")
    @Description("Payload bytes sent since the monitor started")
    @DataAmount
    long upBytes;

    @Label("Total Received")
    @Description("Payload bytes received since the monitor started")
    @DataAmount
    long downBytes;

    @Label("Connections")
    @Description("Open sockets that are not listening")
    int connections;
}
