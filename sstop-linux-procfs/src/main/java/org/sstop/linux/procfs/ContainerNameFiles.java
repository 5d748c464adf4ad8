package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sstop.api.ContainerInfo;

/**
 * Where container runtimes and the kubelet keep a container's name on this machine, and reading
 * it there, without asking a daemon:
 *
 * <ul>
 *   <li>Docker: {@code /var/lib/docker/containers/<id>/config.v2.json}, its {@code "Name"};
 *   <li>Podman (rootful): {@code /var/lib/containers/storage/{overlay,vfs}-containers/containers.json};
 *       a rootless container's storage is in its user's home and is not looked for;
 *   <li>a Kubernetes container (containerd, CRI-O, Docker): the kubelet's log link
 *       {@code /var/log/containers/<pod>_<namespace>_<container>-<id>.log}, named
 *       {@code <namespace>/<pod>/<container>}; else the pod's hostname from
 *       {@code /var/lib/kubelet/pods/<uid>/etc-hosts} (normally the pod's name), named
 *       {@code <hostname>/<short id>}.
 * </ul>
 *
 * Files are read only when they are regular files, at most {@link #MAX_FILE_BYTES} each (a longer
 * one tells what its beginning tells); at most {@link #MAX_LOG_ENTRIES} entries of the log
 * directory are looked at. Names are untrusted text, cut to {@link #MAX_NAME_LENGTH} characters.
 * The log directory and the storage files are read whole into an index at most every
 * {@link #REINDEX_NANOS}, however many containers are looked up (a node with hundreds of pods
 * would otherwise list the directory once per container). {@link ContainerNames} caches what is
 * found, and is the only caller: its caller's lock covers the indexes.
 */
final class ContainerNameFiles {

    /** The most bytes read of one file. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    /** The most entries of {@code /var/log/containers} looked at. */
    static final int MAX_LOG_ENTRIES = 16 * 1024;

    /** The longest name returned. */
    static final int MAX_NAME_LENGTH = 256;

    private static final String[] STORAGE_DRIVERS = {"overlay", "vfs"};
    private static final String HOST_ALIASES = "# Entries added by HostAliases.";

    private static final System.Logger LOG = System.getLogger(ContainerNameFiles.class.getName());

    /** How long an index of the log directory or of the storage files is used before it is read again. */
    static final long REINDEX_NANOS = 10_000_000_000L;

    /** The most containers/storage entries indexed. */
    private static final int MAX_STORAGE_ENTRIES = 64 * 1024;

    private final Path root;
    private final LongSupplier nanoClock;
    private Map<String, String> logIndex;
    private long logIndexedAt;
    private Map<String, String> storageIndex;
    private long storageIndexedAt;

    /**
     * @param root the file system root: {@code /}, or a test's tree shaped like it
     * @param nanoClock a monotonic clock in nanoseconds (when to read the indexes again)
     */
    ContainerNameFiles(Path root, LongSupplier nanoClock) {
        this.root = root;
        this.nanoClock = nanoClock;
    }

    /**
     * A container's name from its runtime's files: each place that may tell it is tried in turn,
     * and one that is missing, unreadable or malformed only passes the turn to the next.
     *
     * @param container a container (with an id)
     * @return its name, or null when no file tells it
     */
    String name(ContainerInfo container) {
        String id = container.id();
        boolean kubernetes = container.pod() != null;
        Place[] places = switch (container.runtime()) {
            case "docker" -> kubernetes ? new Place[] {Place.LOG_LINK, Place.POD_HOSTS, Place.DOCKER} : new Place[] {Place.DOCKER};
            case "podman" -> new Place[] {Place.STORAGE};
            case "cri-o" -> new Place[] {Place.LOG_LINK, Place.POD_HOSTS, Place.STORAGE};
            default -> new Place[] {Place.LOG_LINK, Place.POD_HOSTS};
        };
        for (Place place : places) {
            try {
                String name = bounded(name(place, id, container.pod()));
                if (name != null) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // RuntimeException too: a directory stream reports I/O errors unchecked. Only this
                // place's answer is lost.
                LOG.log(System.Logger.Level.DEBUG, () -> "no container name from " + place + " for " + id + ": " + e);
            }
        }
        return null;
    }

    /** The places that may tell a container's name. */
    private enum Place { LOG_LINK, POD_HOSTS, DOCKER, STORAGE }

    private String name(Place place, String id, String pod) throws IOException {
        return switch (place) {
            case LOG_LINK -> logName(id);
            case POD_HOSTS -> {
                byte[] hosts = pod == null ? null : read(root.resolve("var/lib/kubelet/pods").resolve(pod).resolve("etc-hosts"));
                String hostname = hosts == null ? null : podHostname(hosts);
                yield hostname == null ? null : hostname + "/" + CgroupClassifier.shortId(id);
            }
            case DOCKER -> {
                byte[] config = read(root.resolve("var/lib/docker/containers").resolve(id).resolve("config.v2.json"));
                yield config == null ? null : RuntimeJson.dockerName(config);
            }
            case STORAGE -> storageName(id);
        };
    }

    /** containers/storage's name of a container, from the index of the first storage driver's file found. */
    private String storageName(String id) throws IOException {
        long now = nanoClock.getAsLong();
        if (storageIndex == null || now - storageIndexedAt >= REINDEX_NANOS) {
            storageIndexedAt = now;
            storageIndex = Map.of(); // a failed read is not retried before the next reindex
            for (String driver : STORAGE_DRIVERS) {
                byte[] json = read(root.resolve("var/lib/containers/storage").resolve(driver + "-containers")
                        .resolve("containers.json"));
                if (json != null) {
                    storageIndex = RuntimeJson.storageNames(json, MAX_STORAGE_ENTRIES);
                    break;
                }
            }
        }
        return storageIndex.get(id);
    }

    /** The name in the kubelet's log link {@code <pod>_<namespace>_<container>-<id>.log}, or null. */
    private String logName(String id) throws IOException {
        long now = nanoClock.getAsLong();
        if (logIndex == null || now - logIndexedAt >= REINDEX_NANOS) {
            logIndexedAt = now;
            logIndex = Map.of(); // a failed listing is not retried before the next reindex
            logIndex = logLinks();
        }
        return logIndex.get(id);
    }

    /** Container id to name, from one listing of the log directory. */
    private Map<String, String> logLinks() throws IOException {
        Path dir = root.resolve("var/log/containers");
        Map<String, String> index = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return index;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = entries.iterator();
            for (int n = 0; n < MAX_LOG_ENTRIES && it.hasNext(); n++) {
                String file = it.next().getFileName().toString();
                int dash = file.endsWith(".log") ? file.lastIndexOf('-') : -1;
                if (dash > 0) {
                    String name = logLinkName(file.substring(0, dash));
                    if (name != null) {
                        index.putIfAbsent(file.substring(dash + 1, file.length() - ".log".length()), name);
                    }
                }
            }
        }
        return index;
    }

    /**
     * {@code <namespace>/<pod>/<container>} from {@code <pod>_<namespace>_<container>}, whose
     * parts are DNS names (no '_'), or null when it is not of that shape.
     */
    static String logLinkName(String stem) {
        String[] parts = stem.split("_", 4);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            if (!isDnsName(part)) {
                return null;
            }
        }
        return parts[1] + "/" + parts[0] + "/" + parts[2];
    }

    /**
     * The pod's hostname from the kubelet's {@code etc-hosts}: the last name of the last entry
     * before the host aliases, which the kubelet writes for the pod itself; null for a pod on the
     * host's network (the file is then the host's) or when the file does not end that way.
     */
    static String podHostname(byte[] etcHosts) {
        String text = new String(etcHosts, StandardCharsets.UTF_8);
        if (text.startsWith("# Kubernetes-managed hosts file (host network)")) {
            return null;
        }
        String last = null;
        for (String line : text.split("\n")) {
            String entry = line.strip();
            if (entry.equals(HOST_ALIASES)) {
                break;
            }
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                String[] fields = entry.split("\\s+");
                last = fields.length >= 2 ? fields[fields.length - 1] : null;
            }
        }
        boolean standard = last == null || last.equals("localhost") || last.startsWith("ip6-");
        return standard || !isDnsName(last) ? null : last;
    }

    /** Whether a name is a DNS name as Kubernetes allows for pods, namespaces and containers. */
    private static boolean isDnsName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file's first {@link #MAX_FILE_BYTES} bytes, or null when it is missing or no regular file
     * (a directory, or a FIFO or device, whose reading could block).
     */
    private static byte[] read(Path file) throws IOException {
        return Files.isRegularFile(file) ? ProcFiles.readBytes(file, MAX_FILE_BYTES) : null;
    }

    private static String bounded(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }
}
