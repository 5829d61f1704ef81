package dev.tasker.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of the whole machine and a process's memory, from /proc. */
public final class Machine {

    private static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
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
