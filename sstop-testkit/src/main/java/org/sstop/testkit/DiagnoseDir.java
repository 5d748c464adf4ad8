package org.sstop.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixture loader for a directory written by {@code sstop --diagnose DIR}, as a user attaches
 * it to a bug report: copy it under a module's {@code src/test/resources} and load it here, so the
 * report becomes a regression test. The directory's {@code MANIFEST.tsv} lists each file with what
 * it is ({@code file}: a copy of {@link Entry#source()}'s path; {@code command}: the standard
 * output of the program and arguments; {@code stderr}: their standard error; {@code sstop}: sstop's
 * own output), how reading it ended, and its source. Files are returned as written (control
 * characters other than newline and tab escaped as {@code \xHH}).
 *
 * @param dir the directory
 * @param entries its files, in manifest order
 */
public record DiagnoseDir(Path dir, List<Entry> entries) {

    /** The manifest's file name. */
    public static final String MANIFEST = "MANIFEST.tsv";

    /**
     * One file of the directory.
     *
     * @param name its file name
     * @param kind {@code file}, {@code command}, {@code stderr} or {@code sstop}
     * @param status how reading it ended ({@code ok}, {@code exit 0}, {@code missing}, ...)
     * @param source the path read, or the program and its arguments
     * @param text the file's content
     */
    public record Entry(String name, String kind, String status, List<String> source, String text) {

        /** The program's file name (without its directory), for a command; else empty. */
        public String program() {
            if (!kind.equals("command") && !kind.equals("stderr")) {
                return "";
            }
            String p = source.get(0);
            return p.substring(p.lastIndexOf('/') + 1);
        }

        /** The command's arguments (without the program). */
        public List<String> args() {
            return source.subList(1, source.size());
        }
    }

    /** Copies the list. */
    public DiagnoseDir {
        entries = List.copyOf(entries);
    }

    /**
     * Loads a directory; checks that the manifest and the files agree (every listed file exists,
     * no file is unlisted).
     *
     * @param dir the directory
     * @return its entries
     */
    public static DiagnoseDir load(Path dir) {
        try {
            List<Entry> entries = new ArrayList<>();
            Set<String> listed = new TreeSet<>();
            for (String line : Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    throw new IllegalArgumentException(dir + "/" + MANIFEST + ": not name, kind, status, source: " + line);
                }
                listed.add(f[0]);
                String text = Files.readString(dir.resolve(f[0]), StandardCharsets.UTF_8);
                entries.add(new Entry(f[0], f[1], f[2], List.of(Arrays.copyOfRange(f, 3, f.length)), text));
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    String name = p.getFileName().toString();
                    if (!name.equals(MANIFEST) && !listed.contains(name)) {
                        throw new IllegalArgumentException(dir + ": " + name + " is not in " + MANIFEST);
                    }
                }
            }
            return new DiagnoseDir(dir, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a directory from the test class path, e.g. {@code /diagnose/macos-example}.
     *
     * @param resource the directory's resource name
     * @return its entries
     */
    public static DiagnoseDir resource(String resource) {
        URL url = DiagnoseDir.class.getResource(resource + "/" + MANIFEST);
        if (url == null) {
            throw new IllegalArgumentException("no " + resource + "/" + MANIFEST + " on the class path");
        }
        try {
            return load(Path.of(url.toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The copy of a file, by the path it was read from (e.g. {@code /proc/net/tcp}). */
    public Optional<Entry> file(String path) {
        return entries.stream().filter(e -> e.kind().equals("file") && e.source().equals(List.of(path))).findFirst();
    }

    /** The standard output of a command, by the program's file name and its exact arguments. */
    public Optional<Entry> command(String program, List<String> args) {
        return entries.stream().filter(e -> e.kind().equals("command") && e.program().equals(program) && e.args().equals(args))
                .findFirst();
    }

    /** A file by its name in the directory. */
    public Optional<Entry> named(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
