package dev.tasker.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this JVM and of the whole machine, and a process's memory, from the JDK and /proc. */
public final class Machine {

    private static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
    }

    /** CPU seconds this JVM has used. */
    public static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds all processes have used (user, nice, system, irq, softirq), from /proc/stat; NaN elsewhere. */
    public static double machineCpuSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(cpu[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Waits until this JVM is nearly idle (under a tenth of a core for a second), at most {@code maxSeconds}: after
     * start-up the guest languages fill their pools and compile in the background, which would be measured too.
     */
    public static void awaitIdle(int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double before = jvmCpuSeconds();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            double now = jvmCpuSeconds();
            if (now - before < 0.1) {
                return;
            }
            before = now;
        }
    }

    /** A field of /proc/PID/status in MB (VmRSS: now, VmHWM: the peak); NaN when unreadable. */
    public static double memoryMb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return Double.NaN;
    }
}
