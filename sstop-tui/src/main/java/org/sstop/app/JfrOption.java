package org.sstop.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.sstop.core.NetMonitor;
import org.sstop.tui.text.Sanitizer;
import picocli.CommandLine;

/**
 * {@code --jfr[=FILE]}: the monitor emits its JFR events ({@code org.sstop.NetworkSample},
 * {@code org.sstop.ProcessTraffic}); with a FILE, sstop also records them, beside the JVM's own
 * events (the JDK's {@code default} settings), into FILE, written when sstop exits. Without a FILE
 * the events go to any recording started otherwise ({@code -XX:StartFlightRecording},
 * {@code jcmd PID JFR.start}). Made by picocli from the option's value; {@link #apply} is called on
 * the thread that builds the monitor.
 */
final class JfrOption {

    private static final System.Logger LOG = System.getLogger(JfrOption.class.getName());

    /** What picocli passes for --jfr without a value: NUL, which no command-line argument can hold. */
    static final String EVENTS_ONLY = "\0";

    /** Null: events only, no recording of our own. */
    private final Path file;
    private boolean recording;

    private JfrOption(Path file) {
        this.file = file;
    }

    /**
     * What {@code --jfr} asks of a monitor about to be built: nothing without the option.
     *
     * @param option the parsed option, or null when not given
     * @param builder the monitor's builder
     */
    static void apply(JfrOption option, NetMonitor.Builder builder) {
        if (option != null) {
            option.apply(builder);
        }
    }

    /** Turns the events on and, with a FILE, starts the recording (once, however many monitors are built). */
    private void apply(NetMonitor.Builder builder) {
        builder.jfrEvents(true);
        if (file == null || recording) {
            return;
        }
        recording = true;
        try {
            Recording r = new Recording(Configuration.getConfiguration("default"));
            r.setName("sstop");
            r.enable("org.sstop.NetworkSample");
            r.enable("org.sstop.ProcessTraffic");
            r.setToDisk(true);
            r.setDestination(file);
            r.setDumpOnExit(true); // JFR's own shutdown hook writes it, whatever ends sstop
            r.start();
        } catch (IOException | ParseException | RuntimeException e) {
            // The monitor runs without it: say so once (on stderr, after the screen if the UI runs).
            LOG.log(System.Logger.Level.WARNING, "--jfr: no recording to " + Sanitizer.clean(file.toString()), e);
        }
    }

    /** {@code ""} (the option without a value): events only; else a file whose directory exists and is writable. */
    static final class Converter implements CommandLine.ITypeConverter<JfrOption> {
        @Override
        public JfrOption convert(String value) {
            if (value.equals(EVENTS_ONLY)) {
                return new JfrOption(null);
            }
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("--jfr= needs a file name (--jfr alone emits the events without recording them)");
            }
            Path file = Path.of(value).toAbsolutePath();
            Path dir = file.getParent();
            if (Files.isDirectory(file)) {
                throw new CommandLine.TypeConversionException("'" + Sanitizer.clean(value) + "' is a directory: name the recording's file");
            }
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new CommandLine.TypeConversionException("cannot write a recording to '" + Sanitizer.clean(value)
                        + "': its directory does not exist or is not writable");
            }
            return new JfrOption(file);
        }
    }
}
