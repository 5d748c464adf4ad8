package org.sstop.linux.procfs;

import java.util.List;
import org.sstop.api.ContainerInfo;

/**
 * Tells from {@code /proc/<pid>/cgroup} what a process runs in: a container, a container
 * runtime's monitor, a systemd service or scope, or a login session. Only path shapes that
 * container runtimes, the kubelet, LXC and systemd are known to write are recognised; a
 * hex-looking segment anywhere else (a job scheduler's, a sandbox's) tells nothing, since a guess
 * would be shown as a container that is not one.
 *
 * <p>Every line of the file counts (v1, v2 and hybrid machines): a runtime may have moved a
 * process in some hierarchies only. A container outranks a unit (a container started by systemd
 * is still the container), and within one path the deepest container wins (nested containers:
 * docker in docker, a Kubernetes node in a container). Between equal findings, the v2 line comes
 * first, then systemd's named hierarchy, then the controllers in file order.
 *
 * <p>Monitors: conmon ({@code libpod-conmon-<id>.scope}, {@code crio-conmon-<id>.scope}) and
 * {@code lxc.monitor.<name>} are their runtime's processes that watch a container from outside
 * it, not the container: they are reported with their runtime, no id (so
 * {@link ContainerInfo#isContainer()} is false), the name {@code conmon <short id>} or
 * {@code lxc monitor <name>}, and their scope as the unit. The one ambiguous shape is a
 * Kubernetes container under the cgroupfs driver ({@code /kubepods/.../pod<uid>/<id>}), which
 * containerd and dockershim both write: it is reported as containerd.
 *
 * <p>The name of a container here is its short id (LXC: its name); {@link ContainerNames} finds
 * a better one. Pure functions; every loop is bounded ({@link CgroupLines#MAX_LINES} lines,
 * {@link #MAX_SEGMENTS} segments of a path of at most {@link #MAX_PATH_LENGTH} characters).
 */
final class CgroupClassifier {

    /** Longer paths are skipped: the kernel's own limit is 4096 bytes. */
    static final int MAX_PATH_LENGTH = 4096;

    /** The most segments of one path looked at. */
    static final int MAX_SEGMENTS = 64;

    /** The longest LXC container (or machined machine) name accepted. */
    static final int MAX_LXC_NAME = 128;

    /** How many hex digits of an id a short id keeps (as {@code docker ps} shows). */
    static final int SHORT_ID_LENGTH = ContainerInfo.SHORT_ID_LENGTH;

    private static final int ID_LENGTH = 64;
    private static final String DELETED = " (deleted)";

    private CgroupClassifier() {
    }

    /**
     * What a process runs in.
     *
     * @param text the whole content of its {@code /proc/<pid>/cgroup}, untrusted
     * @return the container, monitor, unit or session, or null when no line tells one
     */
    static ContainerInfo classify(String text) {
        ContainerInfo best = null;
        int bestRank = 0;
        CgroupLines.Hierarchy bestHierarchy = null;
        String previous = null;
        for (CgroupLines.Line line : CgroupLines.parse(text)) {
            if (line.path().equals(previous)) {
                continue; // v1 controllers mostly repeat one path: same finding
            }
            previous = line.path();
            ContainerInfo found = classifyPath(line.path());
            int rank = found == null ? 0 : isUnit(found) ? 1 : 2;
            if (rank > bestRank || rank == bestRank && rank > 0 && line.hierarchy().compareTo(bestHierarchy) < 0) {
                best = found;
                bestRank = rank;
                bestHierarchy = line.hierarchy();
            }
        }
        return best;
    }

    /**
     * What one cgroup path tells.
     *
     * @param path a cgroup path, untrusted
     * @return the deepest container or monitor in it, else its deepest unit, else null
     */
    static ContainerInfo classifyPath(String path) {
        if (path.length() > MAX_PATH_LENGTH || !path.startsWith("/")) {
            return null;
        }
        String p = path.endsWith(DELETED) ? path.substring(0, path.length() - DELETED.length()) : path;
        ContainerInfo container = null;
        String unit = null;
        // A user's manager (user@1000.service) owns its subtree (cgroup v2 delegates it): what
        // lies below is that user's, whatever it is called, and is told apart by this prefix.
        String delegate = null;
        boolean kubernetes = false;
        String pod = null;
        boolean parentIsPod = false;
        String parent = null;
        int from = 1;
        for (int index = 0; index < MAX_SEGMENTS && from < p.length(); from++) {
            int end = p.indexOf('/', from);
            end = end < 0 ? p.length() : end;
            if (end == from) {
                continue; // an empty segment ("//")
            }
            String segment = p.substring(from, end);
            from = end;
            kubernetes |= segment.contains("kubepods");
            String podUid = kubernetes ? podUid(segment) : null;
            ContainerInfo found = podUid != null ? null : container(segment, parent, index, parentIsPod, pod);
            if (found != null) {
                container = found;
            } else if (podUid == null) {
                String u = SystemdUnits.unit(segment);
                // A service's own manager process lives in its init.scope (user@1000.service/init.scope).
                if (u != null && !(u.equals("init.scope") && unit != null)) {
                    unit = u;
                }
                if (delegate == null && u != null && u.startsWith("user@") && u.endsWith(".service")) {
                    delegate = u;
                }
            }
            pod = podUid != null ? podUid : pod;
            parentIsPod = podUid != null;
            parent = segment;
            index++;
        }
        if (container != null) {
            return delegate == null ? container : new ContainerInfo(container.runtime(), container.id(), container.name(),
                    container.pod(), delegate + "/" + (container.unit() == null ? "" : container.unit()));
        }
        if (unit == null) {
            return null;
        }
        boolean session = unit.startsWith("session-") && unit.endsWith(".scope");
        String qualified = delegate == null || unit.equals(delegate) ? unit : delegate + "/" + unit;
        return new ContainerInfo(session ? "session" : "systemd", null, SystemdUnits.readable(unit), null, qualified);
    }

    /** The container or monitor a segment names, given its parent segment; null when none. */
    private static ContainerInfo container(String segment, String parent, int index, boolean parentIsPod, String pod) {
        String id;
        if ((id = idBetween(segment, "docker-", ".scope")) != null) {
            return container("docker", id, pod, segment);
        }
        if ((id = idBetween(segment, "cri-containerd-", ".scope")) != null) {
            return container("containerd", id, pod, segment);
        }
        if ((id = idAfter(segment, "libpod-conmon-")) != null) {
            return monitor("podman", "conmon " + shortId(id), pod, segment);
        }
        if ((id = idAfter(segment, "libpod-")) != null) {
            return container("podman", id, pod, segment);
        }
        if ((id = idAfter(segment, "crio-conmon-")) != null) {
            return monitor("cri-o", "conmon " + shortId(id), pod, segment);
        }
        if ((id = idAfter(segment, "crio-")) != null) {
            return container("cri-o", id, pod, segment);
        }
        if ("machine.slice".equals(parent) && index == 1) {
            return machine(segment);
        }
        if (isId(segment, 0, segment.length())) {
            // A bare id only under a parent that says whose it is.
            if (parentIsPod || "k8s.io".equals(parent)) {
                return container("containerd", segment, pod, segment);
            }
            return "docker".equals(parent) ? container("docker", segment, pod, segment) : null;
        }
        return lxc(segment, parent, index);
    }

    /**
     * A machine systemd-machined registered ({@code /machine.slice/machine-<name>.scope}): a
     * systemd-nspawn container, or a virtual machine's process (libvirt names them
     * {@code qemu-<n>-<name>}). Its name is the unit's, unescaped; the scope is its unit.
     */
    private static ContainerInfo machine(String segment) {
        String unit = SystemdUnits.unit(segment);
        if (unit == null || !unit.startsWith("machine-") || !unit.endsWith(".scope")
                || unit.length() - "machine-.scope".length() > MAX_LXC_NAME) {
            return null;
        }
        String name = SystemdUnits.readable(unit.substring("machine-".length(), unit.length() - ".scope".length()));
        return name.isEmpty() ? null : new ContainerInfo("machine", name, name, null, unit);
    }

    /** LXC: {@code /lxc/<name>}, {@code lxc.payload.<name>}, {@code lxc.payload/<name>} and the monitors. */
    private static ContainerInfo lxc(String segment, String parent, int index) {
        if (segment.startsWith("lxc.payload.")) {
            return lxcContainer(segment.substring("lxc.payload.".length()), false);
        }
        if (segment.startsWith("lxc.monitor.")) {
            return lxcContainer(segment.substring("lxc.monitor.".length()), true);
        }
        if ("lxc.payload".equals(parent) || index == 1 && "lxc".equals(parent)) {
            return lxcContainer(segment, false);
        }
        return "lxc.monitor".equals(parent) ? lxcContainer(segment, true) : null;
    }

    private static ContainerInfo lxcContainer(String name, boolean monitor) {
        if (name.isEmpty() || name.length() > MAX_LXC_NAME) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return null; // LXC names are printable ASCII without spaces
            }
        }
        return monitor ? new ContainerInfo("lxc", null, "lxc monitor " + name, null, null)
                : new ContainerInfo("lxc", name, name, null, null);
    }

    private static ContainerInfo container(String runtime, String id, String pod, String segment) {
        return new ContainerInfo(runtime, id, shortId(id), pod, SystemdUnits.unit(segment));
    }

    private static ContainerInfo monitor(String runtime, String name, String pod, String segment) {
        return new ContainerInfo(runtime, null, name, pod, SystemdUnits.unit(segment));
    }

    /** The short form of a container id. */
    static String shortId(String id) {
        return id.length() > SHORT_ID_LENGTH ? id.substring(0, SHORT_ID_LENGTH) : id;
    }

    /** Whether an info is a unit or session (outranked by containers and monitors). */
    private static boolean isUnit(ContainerInfo info) {
        return info.runtime().equals("systemd") || info.runtime().equals("session");
    }

    /** The id in {@code <prefix><id><suffix>}, or null. */
    private static String idBetween(String segment, String prefix, String suffix) {
        int end = segment.length() - suffix.length();
        if (!segment.startsWith(prefix) || !segment.endsWith(suffix) || !isId(segment, prefix.length(), end)) {
            return null;
        }
        return segment.substring(prefix.length(), end);
    }

    /** The id in {@code <prefix><id>} or {@code <prefix><id>.scope} (cgroupfs and systemd drivers), or null. */
    private static String idAfter(String segment, String prefix) {
        String id = idBetween(segment, prefix, ".scope");
        if (id == null && segment.startsWith(prefix) && isId(segment, prefix.length(), segment.length())) {
            id = segment.substring(prefix.length());
        }
        return id;
    }

    /** Whether {@code s[from, to)} is a container id: 64 lowercase hex digits. */
    private static boolean isId(String s, int from, int to) {
        return to - from == ID_LENGTH && isLowerHex(s, from, to);
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Kubernetes pod UID a segment names: {@code pod<uid>} (cgroupfs driver) or
     * {@code ...-pod<uid>.slice} (systemd driver, which writes '_' for the UID's '-').
     *
     * @return the UID in its dashed form (or 32 hex digits, a static pod's), or null
     */
    static String podUid(String segment) {
        String uid;
        if (segment.startsWith("pod")) {
            uid = segment.substring(3);
        } else if (SystemdUnits.isSlice(segment) && segment.lastIndexOf("-pod") >= 0) {
            uid = segment.substring(segment.lastIndexOf("-pod") + 4, segment.length() - ".slice".length()).replace('_', '-');
        } else {
            return null;
        }
        if (uid.length() == 32 && isLowerHex(uid, 0, 32)) {
            return uid;
        }
        if (uid.length() != 36) {
            return null;
        }
        for (int i = 0; i < uid.length(); i++) {
            boolean dashHere = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashHere ? uid.charAt(i) != '-' : !isLowerHex(uid, i, i + 1)) {
                return null;
            }
        }
        return uid;
    }
}
