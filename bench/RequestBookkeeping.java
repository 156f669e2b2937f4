import dev.hotline.core.*;
import java.lang.management.*;

/**
 * CPU and allocation one request thread spends on Hotline's bookkeeping: begin, detach and end, in a tight loop
 * (the requests do nothing, so their profiles have no samples; the pipeline thread decides on them meanwhile).
 *
 *   java -cp hotline-core/target/classes:$HOME/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar \
 *        bench/RequestBookkeeping.java java|async-profiler
 */
public class RequestBookkeeping {
    public static void main(String[] a) throws Exception {
        HotlineConfig c = HotlineConfig.builder().set("engine", a[0]).set("text-output", "off")
                .set("queue-size", "1000000").build();
        Hotline h = Hotline.start(c);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long me = Thread.currentThread().getId();
        for (int round = 0; round < 7; round++) {
            int n = 20000;
            long cpu0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime(), b0 = alloc.getThreadAllocatedBytes(me);
            for (int i = 0; i < n; i++) {
                RequestProfile p = h.begin("GET", "/cpu", "n=1");
                p.detach();
                p.end(200, null);
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - t0;
            long bytes = alloc.getThreadAllocatedBytes(me) - b0;
            System.out.printf("%s: %.2f us cpu, %.2f us wall, %d bytes allocated per request on the request thread%n",
                    a[0], cpu / 1000.0 / n, wall / 1000.0 / n, bytes / n);
            Thread.sleep(500);
        }
        System.out.println(h.stats());
        h.close();
    }
}
