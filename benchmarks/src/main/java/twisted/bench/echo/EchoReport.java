package twisted.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the {@code RESULT} and {@code IDLE} lines of a run of {@code run-echo-bench.sh} into
 * markdown tables, framework against raw Netty, with the ratios the targets of issue 3 are stated in.
 *
 * <p>Each value is the median over the repetitions. Each ratio is the median of the ratios of the
 * runs paired in one repetition (run back to back, so drift hits both), with their range.
 *
 * <p>Both servers make the same system calls per round trip, yet the kernel's time per round trip
 * drifts by up to a quarter between runs on the project's virtual machine. The detail table's
 * "kernel time pooled" ratio therefore also compares the servers' user CPU per round trip with
 * one kernel time for both, the median over all of the case's runs: an estimate of the measured
 * ratio with the kernel's drift taken out, not a replacement for it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar twisted.bench.echo.EchoReport results.txt}
 */
public final class EchoReport {

    private static final double CPU_TARGET = 0.9;

    private static final double P99_TARGET = 1.1;

    private static final double MEMORY_TARGET = 1.1;

    private EchoReport() {
    }

    public static void main(String[] args) throws IOException {
        List<Map<String, String>> results = new ArrayList<>();
        List<Map<String, String>> idle = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("RESULT ")) {
                results.add(fields(line));
            }
            else if (line.startsWith("IDLE ")) {
                idle.add(fields(line));
            }
        }
        throughput(results);
        idleMemory(idle);
    }

    private static void throughput(List<Map<String, String>> results) {
        System.out.println("| mode | conns | size | framework rt/s | Netty rt/s | framework rt per server CPU-s "
                + "| Netty rt per server CPU-s | **CPU-s ratio** (>= 0.9) | framework p99 us | Netty p99 us "
                + "| **p99 ratio** (<= 1.1) | targets |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        StringBuilder details = new StringBuilder();
        details.append("| mode | conns | size | rt/s ratio | p50 us framework / Netty | server CPU framework / Netty ")
                .append("| server user us per rt framework / Netty | server system us per rt framework / Netty ")
                .append("| CPU-s ratio, kernel time pooled | load tool CPU framework / Netty |\n");
        details.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Map<String, String>>> cases = group(results, "conns", "size");
        for (String kind : List.of("echo", "line")) {
            for (Map.Entry<String, List<Map<String, String>>> entry : cases.entrySet()) {
                List<Map<String, String>> framework = only(entry.getValue(), "framework-" + kind);
                List<Map<String, String>> netty = only(entry.getValue(), "netty-" + kind);
                if (framework.isEmpty() || netty.isEmpty()) {
                    continue;
                }
                Map<String, String> first = framework.get(0);
                double[] cpuRatio = ratios(framework, netty, "rt_per_server_cpu_s");
                double[] p99Ratio = ratios(framework, netty, "p99_us");
                boolean met = median(cpuRatio) >= CPU_TARGET && median(p99Ratio) <= P99_TARGET;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | **%s** | %.0f | %.0f "
                        + "| **%s** | %s |%n", kind, first.get("conns"), first.get("size"), median(framework, "rtps"),
                        median(netty, "rtps"), median(framework, "rt_per_server_cpu_s"),
                        median(netty, "rt_per_server_cpu_s"), withRange(cpuRatio), median(framework, "p99_us"),
                        median(netty, "p99_us"), withRange(p99Ratio), met ? "met" : "missed");
                double frameworkUser = median(framework, "server_user_us_per_rt");
                double nettyUser = median(netty, "server_user_us_per_rt");
                double kernel = median(concat(framework, netty), "server_sys_us_per_rt");
                details.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.0f / %.0f | %.2f / %.2f "
                        + "| %.2f / %.2f | %.2f / %.2f | %.2f | %.2f / %.2f |%n", kind, first.get("conns"), first.get("size"),
                        median(ratios(framework, netty, "rtps")), median(framework, "p50_us"), median(netty, "p50_us"),
                        median(framework, "server_cpu"), median(netty, "server_cpu"),
                        median(framework, "server_user_us_per_rt"), median(netty, "server_user_us_per_rt"),
                        median(framework, "server_sys_us_per_rt"), median(netty, "server_sys_us_per_rt"),
                        (nettyUser + kernel) / (frameworkUser + kernel), median(framework, "client_cpu"),
                        median(netty, "client_cpu")));
            }
        }
        System.out.println();
        System.out.println(details);
    }

    private static void idleMemory(List<Map<String, String>> idle) {
        if (idle.isEmpty()) {
            return;
        }
        System.out.println("| mode | conns | framework heap per 1,000 conns | Netty heap per 1,000 conns "
                + "| **heap ratio** (<= 1.1) | direct per 1,000 framework / Netty | RSS per 1,000 framework / Netty "
                + "| target |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (String kind : List.of("echo", "line")) {
            List<Map<String, String>> framework = only(idle, "framework-" + kind);
            List<Map<String, String>> netty = only(idle, "netty-" + kind);
            if (framework.isEmpty() || netty.isEmpty()) {
                continue;
            }
            double[] ratio = ratios(framework, netty, "heap_per_1000");
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f B | %,.0f B | **%s** | %,.0f / %,.0f B | %,.0f / %,.0f B | %s |%n",
                    kind, framework.get(0).get("conns"), median(framework, "heap_per_1000"),
                    median(netty, "heap_per_1000"), withRange(ratio), median(framework, "direct_per_1000"),
                    median(netty, "direct_per_1000"), median(framework, "rss_per_1000"), median(netty, "rss_per_1000"),
                    median(ratio) <= MEMORY_TARGET ? "met" : "missed");
        }
        System.out.println();
    }

    private static List<Map<String, String>> concat(List<Map<String, String>> a, List<Map<String, String>> b) {
        List<Map<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Framework over Netty for each repetition that has both runs (they ran back to back). */
    private static double[] ratios(List<Map<String, String>> framework, List<Map<String, String>> netty, String key) {
        Map<String, Map<String, String>> nettyByRep = new HashMap<>();
        netty.forEach(run -> nettyByRep.put(run.get("rep"), run));
        return framework.stream().filter(run -> nettyByRep.containsKey(run.get("rep")))
                .mapToDouble(run -> value(run, key) / value(nettyByRep.get(run.get("rep")), key)).toArray();
    }

    private static String withRange(double[] values) {
        if (values.length < 2) {
            return String.format(Locale.ROOT, "%.2f", median(values));
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(values), sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(List<Map<String, String>> runs, String key) {
        return median(runs.stream().mapToDouble((ToDoubleFunction<Map<String, String>>) run -> value(run, key)).toArray());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The value, or NaN when the run did not report it (results of an older version). */
    private static double value(Map<String, String> run, String key) {
        String value = run.get(key);
        return (value != null) ? Double.parseDouble(value) : Double.NaN;
    }

    private static List<Map<String, String>> only(List<Map<String, String>> runs, String mode) {
        return runs.stream().filter(run -> mode.equals(run.get("mode"))).toList();
    }

    private static Map<String, List<Map<String, String>>> group(List<Map<String, String>> runs, String... keys) {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> run : runs) {
            StringBuilder key = new StringBuilder();
            for (String k : keys) {
                key.append(run.get(k)).append('/');
            }
            groups.computeIfAbsent(key.toString(), ignored -> new ArrayList<>()).add(run);
        }
        return groups;
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(line.indexOf(' ') + 1).trim().split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }
}
