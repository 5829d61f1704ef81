package dev.tasker.host.server;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's own meters, under Prometheus' usual names, beside the JVM's (heap, threads, GC, class loading) that
 * Helidon's system meters give: CPU seconds, resident memory, open files and the start time.
 */
final class ProcessMetrics {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMetrics() {
    }

    /** Registers them once per JVM; they read the operating system when scraped. */
    static void register() {
        var registry = Metrics.globalRegistry();
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof OperatingSystemMXBean process) {
            registry.getOrCreate(Gauge.builder("process_cpu_seconds_total", process, p -> p.getProcessCpuTime() / 1e9)
                    .description("CPU time this process has used, in seconds"));
        }
        if (os instanceof UnixOperatingSystemMXBean unix) {
            registry.getOrCreate(Gauge.builder("process_open_fds", unix, u -> (double) u.getOpenFileDescriptorCount())
                    .description("File descriptors this process has open"));
            registry.getOrCreate(Gauge.builder("process_max_fds", unix, u -> (double) u.getMaxFileDescriptorCount())
                    .description("File descriptors this process may open"));
        }
        if (Files.isReadable(STATUS)) {
            registry.getOrCreate(Gauge.builder("process_resident_memory_bytes", STATUS, ProcessMetrics::residentBytes)
                    .description("Resident memory of this process (VmRSS), in bytes"));
        }
        registry.getOrCreate(Gauge.builder("process_start_time_seconds", ManagementFactory.getRuntimeMXBean(),
                r -> r.getStartTime() / 1000.0).description("When this process started, in seconds since the epoch"));
    }

    private static double residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
