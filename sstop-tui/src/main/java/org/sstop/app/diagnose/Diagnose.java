package org.sstop.app.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sstop.app.BackendsPrinter;
import org.sstop.app.JsonLinesWriter;
import org.sstop.core.NetMonitor;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.IoFailure;
import org.sstop.tui.text.Sanitizer;

/**
 * {@code sstop --diagnose DIR}: writes into a new or empty directory every input the backends read
 * on this machine ({@link Plan}), one socket dump per socket source ({@link SocketSummary}),
 * {@code --backends --json}, one JSON sample, a note about the host, and {@value #MANIFEST}, which
 * says for each file what it was read from and how that ended. Every file is text without raw
 * control characters ({@link SafeText}); with masking, every address in it is replaced
 * ({@link AddressMasker}). Used once, by one thread.
 */
final class Diagnose {

    /** The index of the directory: one tab-separated line per file (see {@link #manifestHeader()}). */
    static final String MANIFEST = "MANIFEST.tsv";

    private final Path dir;
    private final AddressMasker masker;
    private final Duration interval;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> manifest = new ArrayList<>();

    Diagnose(Path dir, boolean mask, Duration interval, OutputStream stdout, PrintStream stderr) {
        this.dir = dir;
        this.masker = mask ? new AddressMasker() : null;
        this.interval = interval;
        this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        this.err = stderr;
    }

    /** Writes the directory; returns the exit status. */
    int run() {
        String problem = prepare();
        if (problem != null) {
            err.println("sstop: --diagnose " + Sanitizer.clean(dir.toString()) + ": " + problem);
            return 2;
        }
        try {
            write("host.txt", "sstop", "ok", "host", hostNote());
            for (Item item : Plan.forThisHost()) {
                Capture c = Capture.of(item);
                String text = masker == null ? c.text() : item.procNet() ? masker.procNet(c.text()) : masker.text(c.text());
                write(item.name(), item.path() != null ? "file" : "command", c.status(), item.source(), text);
                if (!c.errors().isEmpty()) {
                    write(item.name().replace(".txt", ".stderr.txt"), "stderr", c.status(), item.source(), mask(c.errors()));
                }
            }
            ClassLoader loader = Diagnose.class.getClassLoader();
            for (Map.Entry<String, String> e : SocketSummary.all(loader).entrySet()) {
                String name = "sockets-" + e.getKey().replaceAll("[^A-Za-z0-9_-]", "_") + ".txt";
                write(name, "sstop", "ok", "socket source " + e.getKey() + ": one sample, summarized", mask(e.getValue()));
            }
            ByteArrayOutputStream backends = new ByteArrayOutputStream();
            BackendsPrinter.printJson(NetMonitor.discover(loader), backends);
            write("backends.json", "sstop", "ok", "--backends\t--json", mask(backends.toString(StandardCharsets.UTF_8)));
            sample(loader);
            Files.writeString(dir.resolve(MANIFEST), manifestHeader() + String.join("\n", manifest) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            err.println("sstop: --diagnose " + Sanitizer.clean(dir.toString()) + ": cannot write (" + IoFailure.describe(e) + ")");
            return 1;
        }
        out.println("sstop: wrote " + (manifest.size() + 1) + " files to " + Sanitizer.clean(dir.toString())
                + (masker == null ? " (addresses as they are: add --mask-addresses to replace them)" : " (addresses masked)"));
        out.println("sstop: " + MANIFEST + " lists what each file was read from; attach the directory to your report, "
                + "e.g. tar czf sstop-diagnose.tgz -C " + Sanitizer.clean(String.valueOf(dir.toAbsolutePath().getParent()))
                + " " + Sanitizer.clean(String.valueOf(dir.getFileName())));
        return 0;
    }

    /** Creates the directory or checks that it is empty and writable; the problem in words, or null. */
    private String prepare() {
        if (dir.toString().isBlank()) {
            return "needs a directory name";
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                return "exists and is not a directory";
            }
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
                    if (d.iterator().hasNext()) {
                        return "is not empty (give a new or empty directory)";
                    }
                }
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".sstop-write-test", "");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot create or write into it (" + IoFailure.describe(e) + ")";
        }
    }

    private void sample(ClassLoader loader) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        String status = "ok";
        try (NetMonitor monitor = NetMonitor.builder().interval(interval).classLoader(loader).build();
                JsonLinesWriter writer = new JsonLinesWriter(json)) {
            monitor.sample();
            Thread.sleep(interval.toMillis());
            Snapshot s = monitor.sample();
            writer.write(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "error: interrupted";
        } catch (Exception e) {
            status = "error: " + e.getMessage();
        }
        write("sample.json", "sstop", status, "--once\t--json", mask(json.toString(StandardCharsets.UTF_8)));
    }

    private String mask(String text) {
        return masker == null ? text : masker.text(text);
    }

    /** Writes one file (control characters escaped) and its manifest line. */
    private void write(String name, String kind, String status, String source, String text) throws IOException {
        Files.writeString(dir.resolve(name), SafeText.of(text), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        manifest.add(String.join("\t", name, kind, field(mask(status)), SafeText.of(source)));
    }

    /** A manifest field: one line, no tabs. */
    private static String field(String s) {
        return SafeText.of(s.replace('\t', ' ').replace('\n', ' '));
    }

    private static String manifestHeader() {
        return "# sstop --diagnose: one line per file: its name, what it is (file: a copy; command: its standard output;\n"
                + "# stderr: a command's standard error; sstop: sstop's own output), how reading it ended, and what was read\n"
                + "# (a path, or the program and its arguments), all tab-separated. Control characters other than newline\n"
                + "# and tab are written as \\xHH (\\uXXXX above U+00FF).\n";
    }

    private String hostNote() {
        Properties p = new Properties();
        try (InputStream in = Diagnose.class.getResourceAsStream("/org/sstop/app/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version then
        }
        return "sstop\t" + p.getProperty("version", "unknown") + "\n"
                + "written\t" + Instant.now() + "\n"
                + "os\t" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n"
                + "java\t" + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")\n"
                + "user\t" + System.getProperty("user.name") + "\n"
                + "max_heap_mib\t" + (Runtime.getRuntime().maxMemory() >> 20) + "\n"
                + "addresses\t" + (masker == null ? "as they are" : "masked") + "\n";
    }
}
