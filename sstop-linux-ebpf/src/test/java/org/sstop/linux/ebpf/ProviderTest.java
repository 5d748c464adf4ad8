package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.CounterSample;
import org.sstop.api.TrafficCounter;
import org.sstop.api.TrafficCounterProvider;
import org.sstop.testkit.ChildJvm;
import org.sstop.testkit.CiAssume;

/** The provider: found by the service loader, available here, and why not where it cannot run. */
class ProviderTest {

    @Test
    void theServiceLoaderFindsItWithItsNameAndPriority() {
        TrafficCounterProvider p = ServiceLoader.load(TrafficCounterProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x instanceof LinuxEbpfProvider).findFirst().orElseThrow();
        assertEquals("linux-ebpf", p.name());
        assertEquals(100, p.priority());
    }

    @Test
    void availableAndOpensAsRootOnThisKernel() throws Exception {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF");
        LinuxEbpfProvider p = new LinuxEbpfProvider();
        Availability a = p.availability();
        assertTrue(a.available(), a.reason());
        assertTrue(a.reason().matches(".*; tables of 16,384 processes, 65,536 sockets and 65,536 TCP read marks hold \\d+\\.\\d MiB of kernel memory"),
                a.reason());
        assertEquals(a.reason(), new LinuxEbpfProvider().availability().reason(),
                "a later probe (the monitor's, after the warm-up's) trusts the tables made once and says the same");
        try (TrafficCounter counter = p.open()) {
            CounterSample s = counter.drain();
            assertTrue(s.unplacedUpBytes() == 0 && s.unplacedDownBytes() == 0, "nothing unplaced: " + s);
            assertEquals(List.of(), counter.limitations(), "no table full, no run missed: nothing limits it");
        }
    }

    @Test
    void forcingFexitEitherCountsOrSaysWhyNot() throws Exception {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF");
        KernelLayout layout = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        ErrnoException refusal;
        try (Bpf bpf = new Bpf()) {
            refusal = CounterPrograms.fexitRefusal(bpf, layout);
        }
        if (refusal == null) {
            try (EbpfTrafficCounter c = CounterSetup.open(CounterSetup.Attach.FEXIT, 64, 64)) {
                assertEquals(CounterPrograms.Path.FEXIT, c.programs().path());
            }
        } else {
            IOException e = assertThrows(IOException.class, () -> CounterSetup.open(CounterSetup.Attach.FEXIT, 64, 64));
            assertTrue(e.getMessage().startsWith("the kernel refuses fexit programs") && e.getMessage().contains("EPERM")
                    && e.getMessage().contains("sstop.ebpf.attach=auto"), e.getMessage());
        }
    }

    @Test
    void theAttachPropertyIsCheckedAndHonoured() throws Exception {
        String old = System.getProperty(CounterSetup.ATTACH_PROPERTY);
        try {
            System.setProperty(CounterSetup.ATTACH_PROPERTY, "fexit");
            assertEquals(CounterSetup.Attach.FEXIT, CounterSetup.Attach.fromProperty());
            System.setProperty(CounterSetup.ATTACH_PROPERTY, " Tracepoint ");
            assertEquals(CounterSetup.Attach.TRACEPOINTS, CounterSetup.Attach.fromProperty());
            System.setProperty(CounterSetup.ATTACH_PROPERTY, "kprobe");
            assertTrue(assertThrows(IOException.class, CounterSetup.Attach::fromProperty).getMessage()
                    .contains("expected auto, tracepoint or fexit"));
            System.clearProperty(CounterSetup.ATTACH_PROPERTY);
            assertEquals(CounterSetup.Attach.AUTO, CounterSetup.Attach.fromProperty());
        } finally {
            if (old == null) {
                System.clearProperty(CounterSetup.ATTACH_PROPERTY);
            } else {
                System.setProperty(CounterSetup.ATTACH_PROPERTY, old);
            }
        }
    }

    @Test
    void capabilitiesAndLockdownAreReadFromTheirFiles() {
        assertEquals(0x000001fffeffffffL, Prerequisites.effectiveCapabilities(
                "Name:\tjava\nCapPrm:\t0000000000000000\nCapEff:\t000001fffeffffff\nCapBnd:\t0\n"));
        assertEquals(0, Prerequisites.effectiveCapabilities("CapEff:\tnot-hex\n"));
        assertEquals(0, Prerequisites.effectiveCapabilities("Name:\tx\n"));
        assertTrue(Prerequisites.privileged(1L << Prerequisites.CAP_SYS_ADMIN));
        assertTrue(Prerequisites.privileged(1L << Prerequisites.CAP_BPF | 1L << Prerequisites.CAP_PERFMON));
        assertFalse(Prerequisites.privileged(1L << Prerequisites.CAP_BPF), "CAP_BPF alone cannot trace");
        assertTrue(Prerequisites.confidentialityLockdown("none integrity [confidentiality]\n"));
        assertFalse(Prerequisites.confidentialityLockdown("none [integrity] confidentiality\n"));
        assertFalse(Prerequisites.confidentialityLockdown(null));
        assertFalse(Prerequisites.inChildPidNamespace("pid:[4026531836]"));
        assertTrue(Prerequisites.inChildPidNamespace("pid:[4026532178]"), "a container's namespace");
        assertFalse(Prerequisites.inChildPidNamespace(null), "no link: nothing to tell");
        assertFalse(Prerequisites.inChildPidNamespace("garbage"));
    }

    @Test
    void withoutJnaItIsUnavailableWithJnasError() throws Exception {
        CiAssume.linux();
        Map<String, String[]> lines = runChild(List.of(), List.of("-Djna.nounpack=true", "-Djna.nosys=true"));
        String[] a = lines.get("availability");
        assertEquals(List.of("false", UnsatisfiedLinkError.class.getName()), List.of(a[1], a[2]));
        assertTrue(a[3].startsWith("JNA cannot call libc here"), a[3]);
        assertTrue(lines.get("open")[1].startsWith("failed"), lines.get("open")[1]);
    }

    @Test
    void withoutBpfCapabilitiesItIsUnavailableAndOpenSaysWhatToGrant() throws Exception {
        CiAssume.root();
        Path setpriv = Path.of("/usr/bin/setpriv");
        CiAssume.that(Files.isExecutable(setpriv), "needs setpriv (util-linux) to drop capabilities");
        String drop = "-bpf,-perfmon,-sys_admin";
        Map<String, String[]> lines = runChild(List.of(setpriv.toString(), "--inh-caps=" + drop, "--bounding-set=" + drop),
                List.of());
        String[] a = lines.get("availability");
        assertEquals("false", a[1]);
        assertTrue(a[3].startsWith("needs root, or CAP_BPF and CAP_PERFMON"), a[3]);
        assertTrue(lines.get("open")[1].contains("not permitted to use BPF"), lines.get("open")[1]);
    }

    @Test
    void inAPidNamespaceOfItsOwnItIsUnavailable() throws Exception {
        CiAssume.root();
        CiAssume.onPath("unshare");
        Map<String, String[]> lines = runChild(List.of("unshare", "--pid", "--fork", "--mount-proc"), List.of());
        String[] a = lines.get("availability");
        assertEquals("false", a[1]);
        assertTrue(a[3].startsWith("sstop runs in a PID namespace of its own"), a[3]);
    }

    private static Map<String, String[]> runChild(List<String> prefix, List<String> jvmOptions) throws Exception {
        Map<String, String[]> lines = new HashMap<>();
        for (String line : ChildJvm.run(prefix, jvmOptions, Child.class).split("\n")) {
            String[] f = line.split("\t", 4);
            lines.put(f[0], f);
        }
        return lines;
    }

    /** Runs in the child JVM: prints the availability and what opening anyway says. */
    static final class Child {

        private Child() {
        }

        public static void main(String[] args) {
            Availability a = new LinuxEbpfProvider().availability();
            String cause = a.cause() == null ? "-" : a.cause().getClass().getName();
            System.out.println("availability\t" + a.available() + "\t" + cause + "\t" + a.reason().replace('\n', ' '));
            try (TrafficCounter c = new LinuxEbpfProvider().open()) {
                System.out.println("open\topened");
            } catch (IOException | RuntimeException | LinkageError e) {
                System.out.println("open\tfailed: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }
}
