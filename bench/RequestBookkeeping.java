import dev.hotline.core.*;
import java.lang.management.*;

/**
 * CPU one request thread spends on Hotline's bookkeeping: begin, detach and end, in a tight loop.
 *
 *   java -cp hotline-core/target/classes:$HOME/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6.jar \
 *        bench/RequestBookkeeping.java java|async-profiler
 */
public class RequestBookkeeping {
    public static void main(String[] a) throws Exception {
        HotlineConfig c = HotlineConfig.builder().set("engine", a[0]).set("text-output", "off").build();
        Hotline h = Hotline.start(c);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            int n = 20000;
            long cpu0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                RequestProfile p = h.begin("GET", "/cpu", "n=1");
                p.detach();
                p.end(200, null);
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - t0;
            System.out.printf("%s: %.1f us cpu, %.1f us wall per request on the request thread%n", a[0], cpu / 1000.0 / n, wall / 1000.0 / n);
            Thread.sleep(300);
        }
        System.out.println(h.stats());
        h.close();
    }
}
