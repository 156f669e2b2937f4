import dev.hotline.core.model.*;
import dev.hotline.core.store.ProfileDirectory;
import dev.hotline.core.format.ProfileJson;
import java.nio.file.*;
import java.time.Instant;

/**
 * CPU cost of writing one profile file (JSON encoding, temporary file, link, retention) for a small profile
 * with 60-frame stacks, all files with the same name as under load.
 *
 *   java -cp hotline-core/target/classes bench/ProfileWriteCost.java /tmp/profile-write-cost
 */
public class ProfileWriteCost {
    public static void main(String[] a) throws Exception {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("qtp-1");
        Frame[] stack = new Frame[60];
        for (int i = 0; i < stack.length; i++) stack[i] = new Frame("org.eclipse.jetty.Layer" + i, "handle", "Layer.java", 100 + i);
        for (int s = 0; s < 4; s++) { stack[0] = new Frame("dev.hotline.demo.Primes", "isPrime", "Primes.java", 16 + s); b.sample(t, s * 1_000_000L, 1_000_000, 1, stack.clone()); }
        Profile p = b.build("abc-1", new RequestInfo("GET", "/cpu", "n=20000", 200, Instant.now(), 4_000_000, null), "java", 1_000_000, false);
        System.out.println("json bytes: " + ProfileJson.toJson(p).length());
        ProfileDirectory dir = new ProfileDirectory(Path.of(a[0]), 1000, 256L << 20);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2000; i++) dir.write(p);
            long t1 = System.nanoTime();
            for (int i = 0; i < 2000; i++) ProfileJson.toJson(p);
            long t2 = System.nanoTime();
            System.out.printf("write %.1f us/profile, of which JSON %.1f us%n", (t1 - t0) / 2000 / 1000.0, (t2 - t1) / 2000 / 1000.0);
        }
    }
}
