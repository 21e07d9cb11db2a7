package twisted.bench.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Readings from Linux's {@code /proc}: the CPU time a process has used and its resident set.
 * Linux only; the echo benchmark runs there.
 */
public final class ProcStats {

    private ProcStats() {
    }

    /**
     * User plus system CPU time of a process, in clock ticks ({@code getconf CLK_TCK}, 100 on
     * Linux x86_64): fields 14 and 15 of {@code /proc/<pid>/stat}.
     */
    static long cpuTicks(long pid) {
        long[] split = cpuTicksSplit(pid);
        return split[0] + split[1];
    }

    /** User and system CPU time of a process, in clock ticks, as {@code {utime, stime}}. */
    static long[] cpuTicksSplit(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field 14 (utime) is fields[11] and field 15 (stime) fields[12].
        return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]) };
    }

    /**
     * Busy CPU time of the whole machine, all CPUs, in clock ticks: user, nice, system, irq,
     * softirq and steal from the first line of {@code /proc/stat}. Less the server's and the load
     * tool's own, it shows whether anything else ran during a measurement.
     */
    static long machineBusyTicks() {
        String[] fields = read(Path.of("/proc/stat")).split("\n", 2)[0].trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        long busy = 0;
        for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
            busy += Long.parseLong(fields[i]);
        }
        return busy;
    }

    /** The resident set size of this process in bytes, from {@code VmRSS} in {@code /proc/self/status}. */
    static long selfRssBytes() {
        return rssBytes("self");
    }

    /**
     * The resident set size of a process in bytes, from {@code VmRSS} in {@code /proc/<pid>/status}.
     *
     * @param pid the process id, or {@code self}
     * @return the resident set in bytes
     */
    public static long rssBytes(String pid) {
        for (String line : read(Path.of("/proc", pid, "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/" + pid + "/status");
    }

    /** How many file descriptors this process has open: its sockets, among others. */
    static int selfOpenFiles() {
        String[] names = Path.of("/proc/self/fd").toFile().list();
        return (names != null) ? names.length : -1;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + path, ex);
        }
    }
}
