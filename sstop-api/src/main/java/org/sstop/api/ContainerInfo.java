package org.sstop.api;

import java.util.Arrays;
import java.util.List;

/**
 * What a process runs in, as told by its cgroup: a container (Docker, Podman, containerd, CRI-O,
 * LXC), a Kubernetes pod's container, a systemd service or a user session. Text fields come from
 * cgroup paths and runtime files and are untrusted: display code must sanitize them.
 *
 * @param runtime {@code docker}, {@code podman}, {@code containerd}, {@code cri-o}, {@code lxc},
 *     {@code machine} (a systemd-nspawn container or a virtual machine systemd-machined knows),
 *     {@code systemd} (a service or scope) or {@code session} (a user's login session)
 * @param id the container id (64 hex digits for most runtimes, the name for LXC and machines), or {@code null}
 *     for a service or session
 * @param name a readable name: the container's name where a local file tells it, else the short
 *     id; the unit for a service; never {@code null}
 * @param pod the Kubernetes pod UID, or {@code null}
 * @param unit the systemd unit (e.g. {@code nginx.service}, {@code session-3.scope}), or
 *     {@code null}; inside a user's manager it is qualified by it
 *     ({@code user@1000.service/pipewire.service}), since that subtree is the user's to name
 */
public record ContainerInfo(String runtime, String id, String name, String pod, String unit) {

    /** Requires a runtime and a name. */
    public ContainerInfo {
        if (runtime == null || runtime.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a container needs a runtime and a name");
        }
    }

    /** How many leading characters of an id name a container where a name is missing (as Docker prints them). */
    public static final int SHORT_ID_LENGTH = 12;

    /** The id's first {@value #SHORT_ID_LENGTH} characters, or {@code null} without an id. */
    public String shortId() {
        return id == null ? null : id.substring(0, Math.min(SHORT_ID_LENGTH, id.length()));
    }

    /**
     * What identifies the group this belongs to: the runtime, the id and the unit (a user's own
     * cgroup named like a system container is another group), and, without an id (a service, a
     * session, a runtime's monitor), the name too. The name may differ between processes of one
     * container (resolved at different times), so it counts only where nothing else tells two
     * groups apart.
     */
    public List<String> groupKey() {
        return id != null ? Arrays.asList(runtime, id, unit) : Arrays.asList(runtime, null, unit, name);
    }

    /** Whether this is a container (it has an id), not a service or a session. */
    public boolean isContainer() {
        return id != null;
    }
}
