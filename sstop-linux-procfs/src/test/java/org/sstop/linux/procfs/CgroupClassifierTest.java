package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;

/** The cgroup classifier on the path shapes runtimes really write, v1, v2 and hybrid, and on hostile text. */
class CgroupClassifierTest {

    static final String ID = "56f7b4c64812b810359d2f628fcbc54207ea1d76a4aa71997e82dbc363fd6c7f";
    static final String ID2 = "86db5b34250622a2a83089fbc37cd9314a7f46229e81b2b0f2f861d81e631aa7";
    static final String SHORT = "56f7b4c64812";
    static final String POD = "4c1fa1b5-9d3e-4b7a-8f21-0a6c5e7d9b13";
    static final String POD_SYSTEMD = POD.replace('-', '_');

    /** A v2-only file. */
    private static ContainerInfo v2(String path) {
        return CgroupClassifier.classify("0::" + path + "\n");
    }

    /** A v1-only file, every controller and systemd's hierarchy in the same cgroup. */
    private static ContainerInfo v1(String path) {
        return CgroupClassifier.classify("12:pids:" + path + "\n11:memory:" + path + "\n5:cpu,cpuacct:" + path
                + "\n1:name=systemd:" + path + "\n");
    }

    /** Asserts the same answer from a v2-only file and a v1-only file. */
    private static void assertBoth(ContainerInfo expected, String path) {
        assertEquals(expected, v2(path), "v2: " + path);
        assertEquals(expected, v1(path), "v1: " + path);
    }

    private static ContainerInfo container(String runtime, String id, String pod, String unit) {
        return new ContainerInfo(runtime, id, id.substring(0, 12), pod, unit);
    }

    @Test
    void dockerWithEitherCgroupDriver() {
        assertBoth(container("docker", ID, null, null), "/docker/" + ID);
        assertBoth(container("docker", ID, null, "docker-" + ID + ".scope"), "/system.slice/docker-" + ID + ".scope");
        assertEquals(SHORT, v2("/docker/" + ID).name());
        assertTrue(v2("/docker/" + ID).isContainer());
        // docker in docker: the innermost container
        assertBoth(container("docker", ID2, null, null), "/docker/" + ID + "/docker/" + ID2);
        // rootless docker under the user's manager: the unit says whose it is (any user may name a cgroup so)
        assertBoth(container("docker", ID, null, "user@1000.service/docker-" + ID + ".scope"),
                "/user.slice/user-1000.slice/user@1000.service/user.slice/docker-" + ID + ".scope");
    }

    @Test
    void podmanRootfulRootlessAndNested() {
        String scope = "libpod-" + ID + ".scope";
        assertBoth(container("podman", ID, null, scope), "/machine.slice/" + scope);
        assertBoth(container("podman", ID, null, scope), "/machine.slice/" + scope + "/container");
        assertBoth(container("podman", ID, null, null), "/libpod_parent/libpod-" + ID);
        assertBoth(container("podman", ID, null, "user@1000.service/" + scope),
                "/user.slice/user-1000.slice/user@1000.service/user.slice/" + scope);
        assertBoth(container("podman", ID, null, scope), "/machine.slice/machine-libpod_pod_" + ID2 + ".slice/" + scope);
    }

    @Test
    void conmonIsPodmansMonitorNotTheContainer() {
        String unit = "libpod-conmon-" + ID + ".scope";
        ContainerInfo conmon = v2("/machine.slice/" + unit);
        assertEquals(new ContainerInfo("podman", null, "conmon " + SHORT, null, unit), conmon);
        assertFalse(conmon.isContainer());
        assertEquals(new ContainerInfo("cri-o", null, "conmon " + SHORT, POD, "crio-conmon-" + ID + ".scope"),
                v1("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + POD_SYSTEMD
                        + ".slice/crio-conmon-" + ID + ".scope"));
    }

    @Test
    void kubernetesWithCgroupfsDriver() {
        assertBoth(container("containerd", ID, POD, null), "/kubepods/besteffort/pod" + POD + "/" + ID);
        assertBoth(container("containerd", ID, POD, null), "/kubepods/pod" + POD + "/" + ID);
        assertBoth(container("cri-o", ID, POD, null), "/kubepods/burstable/pod" + POD + "/crio-" + ID);
        // a static pod's UID is a 32-digit hash
        String hash = "5c0d3d0a4a0c1f3e9b8a7d6c5e4f3a2b";
        assertBoth(container("containerd", ID, hash, null), "/kubepods/burstable/pod" + hash + "/" + ID);
    }

    @Test
    void kubernetesWithSystemdDriverGivesTheDashedPodUid() {
        String slices = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD_SYSTEMD + ".slice/";
        assertBoth(container("containerd", ID, POD, "cri-containerd-" + ID + ".scope"), slices + "cri-containerd-" + ID + ".scope");
        assertBoth(container("cri-o", ID, POD, "crio-" + ID + ".scope"), slices + "crio-" + ID + ".scope");
        assertBoth(container("docker", ID, POD, "docker-" + ID + ".scope"), slices + "docker-" + ID + ".scope");
        // guaranteed QoS: the pod slice right under kubepods.slice
        assertBoth(container("containerd", ID, POD, "cri-containerd-" + ID + ".scope"),
                "/kubepods.slice/kubepods-pod" + POD_SYSTEMD + ".slice/cri-containerd-" + ID + ".scope");
        // kind: a Kubernetes node in a docker container, its kubelet under --cgroup-root=/kubelet
        assertBoth(container("containerd", ID2, POD, "cri-containerd-" + ID2 + ".scope"),
                "/system.slice/docker-" + ID + ".scope/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice"
                        + "/kubelet-kubepods-besteffort-pod" + POD_SYSTEMD + ".slice/cri-containerd-" + ID2 + ".scope");
    }

    @Test
    void aPodWithoutAContainerIsNoContainer() {
        assertNull(v2("/kubepods/besteffort/pod" + POD));
        assertNull(v2("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + POD_SYSTEMD + ".slice"));
        // malformed UIDs are no pod, and a bare id under them no container
        assertNull(v2("/kubepods/besteffort/pod" + POD.toUpperCase() + "/" + ID));
        assertNull(v2("/kubepods/besteffort/pod" + POD.replace('-', 'x') + "/" + ID));
        assertNull(v2("/kubepods/besteffort/pod1234/" + ID));
        // "pod<uid>" outside kubepods is nothing
        assertNull(v2("/other/pod" + POD + "/" + ID));
    }

    @Test
    void containerdNamespacesAndItsDaemon() {
        assertBoth(container("containerd", ID, null, null), "/k8s.io/" + ID);
        assertBoth(new ContainerInfo("systemd", null, "containerd.service", null, "containerd.service"),
                "/system.slice/containerd.service");
        assertBoth(new ContainerInfo("systemd", null, "docker.service", null, "docker.service"), "/system.slice/docker.service");
    }

    @Test
    void machinedMachinesAndWhatRunsInsideThem() {
        ContainerInfo web = new ContainerInfo("machine", "web-1", "web-1", null, "machine-web\\x2d1.scope");
        assertBoth(web, "/machine.slice/machine-web\\x2d1.scope");
        // systemd inside the nspawn container: its services are the machine's, not the host's
        assertBoth(web, "/machine.slice/machine-web\\x2d1.scope/payload/system.slice/nginx.service");
        assertBoth(new ContainerInfo("machine", "qemu-1-vm", "qemu-1-vm", null, "machine-qemu\\x2d1\\x2dvm.scope"),
                "/machine.slice/machine-qemu\\x2d1\\x2dvm.scope/libvirt/emulator");
        // a docker container inside the machine is the deepest container
        assertBoth(container("docker", ID, null, "docker-" + ID + ".scope"),
                "/machine.slice/machine-web.scope/payload/system.slice/docker-" + ID + ".scope");
        // an escape of a control character stays escaped
        assertEquals("a\\x1bb", v2("/machine.slice/machine-a\\x1bb.scope").name());
        assertEquals("systemd", v2("/machine.slice/machine-.scope").runtime(), "no name: a scope, no machine");
        assertEquals("systemd", v2("/machine.slice/other.scope").runtime());
        assertEquals("systemd", v2("/srv/machine.slice/machine-web.scope").runtime(), "machine.slice only at the top");
        assertEquals("systemd", v2("/machine.slice/systemd-nspawn@web.service").runtime(), "nspawn's own service");
    }

    @Test
    void lxcContainersAndMonitors() {
        assertBoth(new ContainerInfo("lxc", "web", "web", null, null), "/lxc/web");
        assertBoth(new ContainerInfo("lxc", "web", "web", null, null), "/lxc/web/system.slice/nginx.service");
        assertBoth(new ContainerInfo("lxc", "web", "web", null, null), "/lxc.payload.web");
        assertBoth(new ContainerInfo("lxc", "web", "web", null, null), "/lxc.payload.web/init.scope");
        assertBoth(new ContainerInfo("lxc", "web", "web", null, null), "/lxc.payload/web");
        assertBoth(new ContainerInfo("lxc", null, "lxc monitor web", null, null), "/lxc.monitor.web");
        assertBoth(new ContainerInfo("lxc", null, "lxc monitor web", null, null), "/lxc.monitor/web");
        assertNull(v2("/srv/lxc/web"), "'lxc' only as the top directory");
        assertNull(v2("/lxc.payload."));
        assertNull(v2("/lxc.payload.a b"));
        assertNull(v2("/lxc.payload." + "n".repeat(CgroupClassifier.MAX_LXC_NAME + 1)));
    }

    @Test
    void systemdServicesScopesAndSessions() {
        assertBoth(new ContainerInfo("systemd", null, "nginx.service", null, "nginx.service"), "/system.slice/nginx.service");
        assertBoth(new ContainerInfo("session", null, "session-3.scope", null, "session-3.scope"),
                "/user.slice/user-1000.slice/session-3.scope");
        assertBoth(new ContainerInfo("systemd", null, "user@1000.service", null, "user@1000.service"),
                "/user.slice/user-1000.slice/user@1000.service");
        // the user manager itself lives in its init.scope
        assertBoth(new ContainerInfo("systemd", null, "user@1000.service", null, "user@1000.service"),
                "/user.slice/user-1000.slice/user@1000.service/init.scope");
        assertBoth(new ContainerInfo("systemd", null, "init.scope", null, "init.scope"), "/init.scope");
        // a user's own service under the manager: the deepest unit
        // a user's service is not the system's service of that name
        assertBoth(new ContainerInfo("systemd", null, "pipewire.service", null, "user@1000.service/pipewire.service"),
                "/user.slice/user-1000.slice/user@1000.service/session.slice/pipewire.service");
        assertBoth(new ContainerInfo("systemd", null, "getty@tty1.service", null, "getty@tty1.service"),
                "/system.slice/system-getty.slice/getty@tty1.service");
        assertNull(v2("/user.slice/user-1000.slice"), "a slice holds no process of its own");
        assertNull(v2("/system.slice"));
    }

    @Test
    void unitNamesAreUnescapedForReading() {
        String unit = "systemd-fsck@dev-disk-by\\x2duuid-0a1b\\x2d2c3d.service";
        assertBoth(new ContainerInfo("systemd", null, "systemd-fsck@dev-disk-by-uuid-0a1b-2c3d.service", null, unit),
                "/system.slice/system-systemd\\x2dfsck.slice/" + unit);
        // UTF-8 sequences decode; escapes of control characters stay escaped
        assertEquals("caf\u00e9.service", v2("/system.slice/caf\\xc3\\xa9.service").name());
        assertEquals("evil\\x1b[31m.service", v2("/system.slice/evil\\x1b\\x5b31m.service").name());
        assertEquals("a\\x7f.service", v2("/system.slice/a\\x7f.service").name());
        assertEquals("bad\\xzz.service", v2("/system.slice/bad\\xzz.service").name());
        assertEquals("end\\x.service", v2("/system.slice/end\\x.service").name());
        // systemd's cg_escape prefixes '_' to names that clash with the kernel's
        assertEquals("cpu.service", v2("/system.slice/_cpu.service").unit());
    }

    @Test
    void hybridLooksAtEveryLine() {
        assertEquals(container("docker", ID, null, null),
                CgroupClassifier.classify("9:name=systemd:/\n4:memory:/docker/" + ID + "\n1:cpu:/\n0::/\n"));
        assertEquals(container("docker", ID, null, "docker-" + ID + ".scope"), CgroupClassifier.classify(
                "1:name=systemd:/system.slice/docker-" + ID + ".scope\n0::/system.slice/docker-" + ID + ".scope\n"));
        // a container outranks a unit, whichever line says what
        assertEquals(container("docker", ID, null, null),
                CgroupClassifier.classify("9:name=systemd:/system.slice/ssh.service\n4:memory:/docker/" + ID + "\n0::/\n"));
        // between units: v2, then name=systemd, then the controllers
        assertEquals("b.service", CgroupClassifier.classify("4:memory:/a.service\n1:name=systemd:/b.service\n").unit());
        assertEquals("c.service", CgroupClassifier.classify("4:memory:/a.service\n1:name=systemd:/b.service\n0::/c.service\n").unit());
        assertEquals("a.service", CgroupClassifier.classify("4:memory:/a.service\n3:cpu:/x.service\n").unit());
        // between containers, the same order
        assertEquals(ID2, CgroupClassifier.classify("4:memory:/docker/" + ID + "\n0::/docker/" + ID2 + "\n").id());
    }

    @Test
    void thisMachinesJobCgroupIsNoContainer() {
        String self = "9:name=systemd:/\n8:pids:/\n7:blkio:/\n6:freezer:/\n5:devices:/\n"
                + "4:memory:/process_api/2b18a2123267e3cb32441e53fc933513\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";
        assertNull(CgroupClassifier.classify(self));
        assertNull(CgroupClassifier.classify("0::/\n"));
        assertNull(CgroupClassifier.classify(""));
    }

    @Test
    void hexOutsideAKnownShapeIsNoContainer() {
        assertNull(v2("/" + ID));
        assertNull(v2("/process_api/" + ID));
        assertNull(v2("/random/" + ID + "/" + ID2));
        String unknownScope = "foo-" + ID + ".scope";
        assertEquals(new ContainerInfo("systemd", null, unknownScope, null, unknownScope), v2("/system.slice/" + unknownScope),
                "an unknown runtime's scope is only a unit");
        assertNull(v2("/docker/" + ID.toUpperCase()), "ids are lowercase");
        assertNull(v2("/docker/" + ID.substring(1)), "63 digits");
        assertNull(v2("/docker/" + ID + "0"), "65 digits");
        assertNull(v2("/docker/" + ID.substring(0, 63) + "g"));
        assertNull(v2("/k8s.io/" + SHORT));
        assertNull(v2("/machine.slice/libpod-" + SHORT + ".scope").id(), "a short id is only a unit");
        assertEquals("systemd", v2("/system.slice/docker-nothex.scope").runtime());
    }

    @Test
    void aDeletedCgroupStillTells() {
        assertEquals(ID, v2("/docker/" + ID + " (deleted)").id());
    }

    @Test
    void malformedLinesAreSkipped() {
        String good = "0::/docker/" + ID + "\n";
        assertEquals(ID, CgroupClassifier.classify("garbage\n:\n::\n1:cpu\n1:cpu:\n:cpu:/docker/" + ID2 + "\n" + good).id());
        assertNull(CgroupClassifier.classify("no colons at all /docker/" + ID));
        assertNull(CgroupClassifier.classify("0::docker/" + ID + "\n"), "a path starts with '/'");
        assertEquals(ID, CgroupClassifier.classify("0::/docker/" + ID).id(), "no final newline");
        assertEquals(ID, CgroupClassifier.classify("0::/docker//" + ID + "/\n").id(), "empty segments");
    }

    @Test
    void hostileTextIsBounded() {
        // control characters, NUL, escape sequences
        assertNull(v2("/system.slice/ng\u001b[31minx.service"));
        assertNull(v2("/docker/" + ID.substring(0, 32) + "\0" + ID.substring(33)));
        assertNull(v2("/lxc/we\u0007b"));
        assertEquals(ID, CgroupClassifier.classify("1:cpu:/\u001b]0;x\u0007\n0::/docker/" + ID + "\n").id());
        // invalid UTF-8, decoded as the describer decodes it
        String invalid = new String(new byte[] {'0', ':', ':', '/', 'd', 'o', 'c', 'k', 'e', 'r', '/', (byte) 0xff, (byte) 0xfe, '\n'},
                StandardCharsets.UTF_8);
        assertNull(CgroupClassifier.classify(invalid));
        // a 1 MB line is skipped, the lines after it still count
        assertEquals(ID, CgroupClassifier.classify("0::/" + "a/".repeat(500_000) + "\n1:cpu:/docker/" + ID + "\n").id());
        assertNull(v2("/docker/" + ID + "/" + "x".repeat(CgroupClassifier.MAX_PATH_LENGTH)));
        // more segments than looked at: the container beyond them is not seen
        assertNull(v2("/s".repeat(CgroupClassifier.MAX_SEGMENTS) + "/docker/" + ID));
        assertEquals(ID, v2("/s".repeat(CgroupClassifier.MAX_SEGMENTS - 2) + "/docker/" + ID).id());
        // 10,000 lines: only the first MAX_LINES are looked at
        String many = "1:cpu:/\n".repeat(10_000);
        assertNull(CgroupClassifier.classify(many + "0::/docker/" + ID + "\n"));
        assertEquals(ID, CgroupClassifier.classify("1:cpu:/\n".repeat(CgroupLines.MAX_LINES - 1) + "0::/docker/" + ID + "\n").id());
        // a huge unit name is no unit
        assertNull(v2("/system.slice/" + "a".repeat(SystemdUnits.MAX_UNIT_LENGTH) + ".service"));
    }

    @Test
    void randomTextOfTheFilesTokensNeverBreaksIt() {
        String[] headers = {"0::/", "1:name=systemd:/", "4:memory:/", ":", "0::", "x", ""};
        String[] tokens = {"/", "//", "\n", ":", "0::", "1:name=systemd:", "4:memory:", "docker", "docker-", ".scope",
            ".slice", ".service", "-", "_", "pod", "kubepods", "kubepods-burstable-pod", "libpod-", "libpod-conmon-",
            "crio-", "crio-conmon-", "cri-containerd-", "lxc", "lxc.payload.", "lxc.monitor", "k8s.io", "session-",
            "init.scope", "\\x", "\\x2d", "\\xc3", "\u0000", "\u001b", "\ufffd", " (deleted)", ID, SHORT, POD,
            POD_SYSTEMD, "user@1000.service", "a"};
        java.util.Random random = new java.util.Random(42);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int line = random.nextInt(4); line >= 0; line--) {
                text.append(headers[random.nextInt(headers.length)]);
                for (int n = random.nextInt(12); n > 0; n--) {
                    text.append(tokens[random.nextInt(tokens.length)]);
                    text.append(random.nextInt(3) == 0 ? "/" : "");
                }
                text.append('\n');
            }
            ContainerInfo info = CgroupClassifier.classify(text.toString());
            if (info != null) {
                found++;
                assertTrue(info.name().length() <= SystemdUnits.MAX_UNIT_LENGTH, info::toString);
                assertTrue(info.id() == null || info.id().length() == 64 || info.runtime().equals("lxc"), info::toString);
            }
        }
        assertTrue(found > 100, "the tokens make some findings: " + found);
    }
}
