package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a child JVM with this test's class path, for what a test cannot
 * change in its own JVM (system properties read once, capabilities dropped with a prefix such as
 * {@code setpriv}).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code prefix java jvmOptions main} and waits for it (at most a minute); fails the test
     * unless it exits with 0.
     *
     * @param prefix a command to run the JVM under (e.g. {@code setpriv ...}), or empty
     * @param jvmOptions options for the child JVM
     * @param main the class whose {@code main} runs
     * @return what the child printed on stdout (its stderr goes to the test's)
     * @throws Exception when it cannot be started
     */
    public static String run(List<String> prefix, List<String> jvmOptions, Class<?> main) throws Exception {
        return run(prefix, jvmOptions, main.getName(), List.of());
    }

    /**
     * Runs {@code prefix java jvmOptions main args} like {@link #run(List, List, Class)}, for a
     * main class the test cannot name at compile time (another package's) and with arguments.
     *
     * @param prefix a command to run the JVM under, or empty
     * @param jvmOptions options for the child JVM
     * @param main the name of the class whose {@code main} runs
     * @param args its arguments
     * @return what the child printed on stdout
     * @throws Exception when it cannot be started
     */
    public static String run(List<String> prefix, List<String> jvmOptions, String main, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.add(main);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not end: " + command);
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
