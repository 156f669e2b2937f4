import dev.hotline.demo.DemoApp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Time from the end of a response until its profile file exists, over sequential requests to the demo.
 *
 *   java -Dhotline.engine=async-profiler -Dhotline.text-output=off -cp hotline-demo/target/hotline-demo.jar \
 *        bench/ProfileLatency.java [requests] [path]
 */
public class ProfileLatency {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String path = args.length > 1 ? args[1] : "/sleep?ms=5";
        Path dir = Files.createTempDirectory("hotline-latency");
        DemoApp app = DemoApp.start(0, dir);
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + app.port() + path);
            for (int i = 0; i < 20; i++) client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            Thread.sleep(1000);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long before = count(dir);
                client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                long end = System.nanoTime();
                while (count(dir) <= before) Thread.onSpinWait();
                micros.add((System.nanoTime() - end) / 1000);
            }
            Collections.sort(micros);
            System.out.printf("engine=%s requests=%d path=%s  response end -> file: p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    app.hotline().engineName(), n, path, micros.get(n / 2) / 1000.0, micros.get((int) (n * 0.99)) / 1000.0,
                    micros.get(n - 1) / 1000.0);
        } finally {
            app.stop();
        }
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
