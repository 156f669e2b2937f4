package dev.hotline.bench.trace;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The workloads of {@link TracingBenchmark} timed by the thread's CPU time instead of the wall clock, for machines
 * where other processes compete for the cores and wall-clock figures swing by an order of magnitude. Each mode
 * runs in batches after a warm-up; the figure is the median batch, in CPU nanoseconds per operation.
 * Run: {@code java -cp CP dev.hotline.bench.trace.TracingCpuCost [batches]} with the class path of
 * {@link TracingBenchmark}.
 */
public final class TracingCpuCost {
    private TracingCpuCost() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-16s %-8s %14s %14s%n", "benchmark", "mode", "cpu ns/op", "min ns/op");
        for (String workload : new String[] {"tightLoop", "requestHandler"}) {
            for (String mode : new String[] {"plain", "traced", "dormant"}) {
                TracingBenchmark b = new TracingBenchmark();
                b.mode = mode;
                b.setUp();
                LongSupplier op = workload.equals("tightLoop") ? b::tightLoop : b::requestHandler;
                int perBatch = workload.equals("tightLoop") ? 20_000 : 5_000;
                long sink = 0;
                double[] nsPerOp = new double[batches];
                for (int batch = -batches; batch < batches; batch++) { // the first half warms up
                    b.beginRequest();
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < perBatch; i++) sink += op.getAsLong();
                    long cpu = threads.getCurrentThreadCpuTime() - start;
                    b.endRequest();
                    if (batch >= 0) nsPerOp[batch] = (double) cpu / perBatch;
                }
                b.tearDown();
                Arrays.sort(nsPerOp);
                System.out.printf("%-16s %-8s %14.1f %14.1f%s%n", workload, mode, nsPerOp[batches / 2], nsPerOp[0],
                        sink == 42 ? " " : "");
            }
        }
    }
}
