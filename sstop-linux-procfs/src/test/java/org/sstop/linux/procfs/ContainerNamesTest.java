package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sstop.linux.procfs.RuntimeJsonTest.dockerConfig;
import static org.sstop.linux.procfs.RuntimeJsonTest.entry;
import static org.sstop.linux.procfs.RuntimeJsonTest.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.ContainerInfo;
import org.sstop.testkit.CiAssume;

/** Container names from fake runtime and kubelet files under a temporary root. */
class ContainerNamesTest {

    static final String ID = CgroupClassifierTest.ID;
    static final String ID2 = CgroupClassifierTest.ID2;
    static final String SHORT = CgroupClassifierTest.SHORT;
    static final String POD = CgroupClassifierTest.POD;

    static final String ETC_HOSTS = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
            + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
            + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.7\tnginx-7c5ddbdf54-x2x9z\n";

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private ContainerNames names;

    @BeforeEach
    void setUp() {
        names = new ContainerNames(root, clock::get);
    }

    private static ContainerInfo container(String runtime, String id, String pod) {
        return new ContainerInfo(runtime, id, CgroupClassifier.shortId(id), pod, null);
    }

    private String nameOf(String runtime, String id, String pod) {
        return names.named(container(runtime, id, pod)).name();
    }

    private Path write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private void dockerConfigOf(String id, String content) throws IOException {
        write("var/lib/docker/containers/" + id + "/config.v2.json", content);
    }

    private void logLink(String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve("var/log/containers"));
        Files.createSymbolicLink(dir.resolve(name), Path.of("../pods/x/0.log")); // relative: the target stays in the test's tree
    }

    @Test
    void dockerNameFromItsConfig() throws IOException {
        dockerConfigOf(ID, dockerConfig("\"/web-1\""));
        assertEquals("web-1", nameOf("docker", ID, null));
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("docker", ID2, null), "a missing file: the short id");
    }

    @Test
    void aContainerInAUsersOwnSubtreeIsNotNamedFromTheSystemsFiles() throws IOException {
        dockerConfigOf(ID, dockerConfig("\"/web-1\""));
        ContainerInfo posing = new ContainerInfo("docker", ID, CgroupClassifier.shortId(ID), null,
                "user@1000.service/docker-" + ID + ".scope");
        assertEquals(CgroupClassifier.shortId(ID), names.named(posing).name(), "a user can name a cgroup after any container");
        assertEquals(0, names.lookups());
    }

    @Test
    void theLogDirectoryIsListedOncePerReindexHoweverManyContainersAreLookedUp() throws IOException {
        logLink("web-7d4f_shop_nginx-" + ID + ".log");
        assertEquals("shop/web-7d4f/nginx", nameOf("containerd", ID, POD));
        logLink("api-1_shop_app-" + ID2 + ".log"); // appears after the listing
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("containerd", ID2, POD), "not listed again yet");
        clock.addAndGet(ContainerNames.RETRY_NANOS); // past the retry and the reindex
        assertEquals("shop/api-1/app", nameOf("containerd", ID2, POD), "the next listing has it");
    }

    @Test
    void dockerFailuresCostOnlyTheName() throws IOException {
        dockerConfigOf(ID, "{\"Name\": \"/web-1\""); // cut short: the name was read before the fault
        assertEquals("web-1", nameOf("docker", ID, null));
        dockerConfigOf(ID2, "{\"State\":{\"Running\":");
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("docker", ID2, null), "malformed");
        String third = ID.replace('5', 'e');
        Files.createDirectories(root.resolve("var/lib/docker/containers/" + third + "/config.v2.json"));
        assertEquals(CgroupClassifier.shortId(third), nameOf("docker", third, null), "a directory where the file should be");
    }

    @Test
    void aHugeFileIsReadOnlyToItsBound() throws IOException {
        String padding = "\"x\":\"" + "p".repeat(ContainerNameFiles.MAX_FILE_BYTES) + "\",";
        dockerConfigOf(ID, "{" + padding + "\"Name\":\"/late\"}");
        assertEquals(SHORT, nameOf("docker", ID, null), "the name after the first MiB is not read");
        dockerConfigOf(ID2, "{\"Name\":\"/early\"," + padding + "\"y\":1}");
        assertEquals("early", nameOf("docker", ID2, null));
    }

    @Test
    void namesAreBounded() throws IOException {
        dockerConfigOf(ID, "{\"Name\":\"/" + "n".repeat(10_000) + "\"}");
        assertEquals(ContainerNameFiles.MAX_NAME_LENGTH, nameOf("docker", ID, null).length());
        dockerConfigOf(ID2, "{\"Name\":\"\"}");
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("docker", ID2, null), "an empty name is none");
    }

    @Test
    void podmanNameFromContainersStorage() throws IOException {
        write("var/lib/containers/storage/overlay-containers/containers.json",
                storage(entry(ID2, "[\"db\"]") + "," + entry(ID, "[\"web\"]")));
        assertEquals("web", nameOf("podman", ID, null));
        assertEquals("db", nameOf("podman", ID2, null));
        assertEquals("aaaaaaaaaaaa", nameOf("podman", "a".repeat(64), null));
    }

    @Test
    void podmanOnVfsAndMalformedStorage() throws IOException {
        write("var/lib/containers/storage/vfs-containers/containers.json", storage(entry(ID, "[\"web\"]")));
        assertEquals("web", nameOf("podman", ID, null));
        write("var/lib/containers/storage/overlay-containers/containers.json", "[{\"id\":");
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("podman", ID2, null), "the first driver's file is malformed");
    }

    @Test
    void kubernetesNameFromTheKubeletsLogLink() throws IOException {
        logLink("nginx-7c5ddbdf54-x2x9z_default_nginx-" + ID + ".log");
        logLink("other_kube-system_coredns-" + ID2 + ".log");
        assertEquals("default/nginx-7c5ddbdf54-x2x9z/nginx", nameOf("containerd", ID, POD));
        assertEquals("kube-system/other/coredns", nameOf("cri-o", ID2, POD));
        // docker under the kubelet: the log link before docker's own k8s_... name
        dockerConfigOf(ID, "{\"Name\":\"/k8s_nginx_nginx-7c5ddbdf54-x2x9z_default_" + POD + "_0\"}");
        assertEquals("default/nginx-7c5ddbdf54-x2x9z/nginx", new ContainerNames(root, clock::get)
                .named(container("docker", ID, POD)).name());
    }

    @Test
    void kubernetesNameFromThePodsHostsFileWithoutALogLink() throws IOException {
        write("var/lib/kubelet/pods/" + POD + "/etc-hosts", ETC_HOSTS);
        assertEquals("nginx-7c5ddbdf54-x2x9z/" + SHORT, nameOf("containerd", ID, POD));
        // a log link of another shape is no name: the hosts file still is
        logLink("bad_name_with_underscores-" + ID2 + ".log");
        assertEquals("nginx-7c5ddbdf54-x2x9z/" + CgroupClassifier.shortId(ID2), nameOf("containerd", ID2, POD));
        assertEquals(CgroupClassifier.shortId(ID.replace('5', 'e')), nameOf("containerd", ID.replace('5', 'e'), null));
    }

    @Test
    void podHostnameFromTheKubeletsHostsFile() {
        assertEquals("nginx-7c5ddbdf54-x2x9z", ContainerNameFiles.podHostname(ETC_HOSTS.getBytes()));
        assertEquals("web-0", ContainerNameFiles.podHostname(
                (ETC_HOSTS + "10.244.1.8\tweb-0.nginx.default.svc.cluster.local\tweb-0\n").getBytes()));
        assertEquals("nginx-7c5ddbdf54-x2x9z", ContainerNameFiles.podHostname(
                (ETC_HOSTS + "\n# Entries added by HostAliases.\n10.0.0.1\tfoo.remote\n").getBytes()));
        assertNull(ContainerNameFiles.podHostname(("# Kubernetes-managed hosts file (host network).\n"
                + "127.0.0.1 localhost\n192.168.1.5 node-1\n").getBytes()));
        assertNull(ContainerNameFiles.podHostname("127.0.0.1\tlocalhost\n::1\tip6-localhost\n".getBytes()));
        assertNull(ContainerNameFiles.podHostname("10.0.0.1\tEvil\u001b[31m\n".getBytes()));
        assertNull(ContainerNameFiles.podHostname("lonely\n".getBytes()));
        assertNull(ContainerNameFiles.podHostname(new byte[0]));
    }

    @Test
    void logLinkNames() {
        assertEquals("ns/pod/c", ContainerNameFiles.logLinkName("pod_ns_c"));
        assertNull(ContainerNameFiles.logLinkName("pod_ns"));
        assertNull(ContainerNameFiles.logLinkName("pod_ns_c_d"));
        assertNull(ContainerNameFiles.logLinkName("pod__c"));
        assertNull(ContainerNameFiles.logLinkName("Pod_ns_c"));
        assertNull(ContainerNameFiles.logLinkName("p\u001bd_ns_c"));
    }

    @Test
    void criOFallsBackToContainersStorage() throws IOException {
        write("var/lib/containers/storage/overlay-containers/containers.json",
                storage(entry(ID, "[\"k8s_nginx_nginx-7c5ddbdf54-x2x9z_default_" + POD + "_0\"]")));
        assertEquals("k8s_nginx_nginx-7c5ddbdf54-x2x9z_default_" + POD + "_0", nameOf("cri-o", ID, POD));
    }

    @Test
    void servicesSessionsMonitorsLxcAndMachinesKeepTheirNames() {
        ContainerInfo service = new ContainerInfo("systemd", null, "nginx.service", null, "nginx.service");
        assertSame(service, names.named(service));
        ContainerInfo lxc = new ContainerInfo("lxc", "web", "web", null, null);
        assertSame(lxc, names.named(lxc));
        ContainerInfo machine = new ContainerInfo("machine", "web", "web", null, "machine-web.scope");
        assertSame(machine, names.named(machine));
        assertNull(names.named(null));
        assertEquals(0, names.lookups());
    }

    @Test
    void eachContainerIsLookedUpOnceAndAFailureRetriedLater() throws IOException {
        dockerConfigOf(ID, dockerConfig("\"/web-1\""));
        for (int i = 0; i < 5; i++) {
            assertEquals("web-1", nameOf("docker", ID, null));
            assertEquals(CgroupClassifier.shortId(ID2), nameOf("docker", ID2, null));
        }
        assertEquals(2, names.lookups());
        // the runtime writes the missing file: it is found once the retry interval has passed
        dockerConfigOf(ID2, dockerConfig("\"/late\""));
        clock.addAndGet(ContainerNames.RETRY_NANOS - 1);
        assertEquals(CgroupClassifier.shortId(ID2), nameOf("docker", ID2, null));
        clock.addAndGet(1);
        assertEquals("late", nameOf("docker", ID2, null));
        assertEquals("web-1", nameOf("docker", ID, null));
        assertEquals(3, names.lookups(), "a name found is not looked up again");
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < ContainerNames.MAX_ENTRIES + 100; i++) {
            names.named(container("podman", String.format("%064x", i), null));
        }
        assertEquals(ContainerNames.MAX_ENTRIES, names.size());
        assertEquals(ContainerNames.MAX_ENTRIES + 100, names.lookups());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO opened for reading would block for ever
    void aFifoIsNotRead() throws Exception {
        CiAssume.onPath("mkfifo");
        Path dir = Files.createDirectories(root.resolve("var/lib/docker/containers/" + ID));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("config.v2.json").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertEquals(SHORT, nameOf("docker", ID, null));
    }
}
