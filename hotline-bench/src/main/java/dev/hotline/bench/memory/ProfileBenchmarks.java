package dev.hotline.bench.memory;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Time and allocation of the per-request hot paths after sampling: adding samples to a profile (ingestion),
 * building the profile (call tree, line and method tables) and writing it as JSON. The input is a 100 ms request
 * sampled at 1 ms: 100 stacks 90 frames deep that share a 60-frame framework prefix and differ in their last 30
 * frames (12 distinct leaves), as the benchmark app's stacks do.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests package
 * java -cp hotline-bench/target/hotline-bench.jar org.openjdk.jmh.Main 'dev.hotline.bench.memory.ProfileBenchmarks' -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileBenchmarks {
    static final int SAMPLES = 100;
    static final int DEPTH = 90;
    static final int PREFIX = 60;
    static final int LEAVES = 12;

    private Frame[][] stacks;
    private Profile profile;
    private final OutputStream discard = OutputStream.nullOutputStream();

    @Setup
    public void setUp() {
        Frame[] prefix = new Frame[PREFIX];
        for (int i = 0; i < PREFIX; i++) {
            prefix[i] = new Frame("org.framework.layer" + i / 10 + ".Component" + i, "handle" + i % 4,
                    "Component" + i + ".java", 40 + i);
        }
        stacks = new Frame[SAMPLES][];
        for (int s = 0; s < SAMPLES; s++) {
            int leaf = s % LEAVES;
            Frame[] stack = new Frame[DEPTH];
            for (int d = 0; d < DEPTH; d++) {
                // top frame first: the varying part on top, the shared prefix at the bottom
                int fromBottom = DEPTH - 1 - d;
                stack[d] = fromBottom < PREFIX ? prefix[fromBottom]
                        : new Frame("com.example.app.Service" + leaf, "step" + (fromBottom - PREFIX),
                        "Service" + leaf + ".java", 100 + fromBottom);
            }
            stacks[s] = stack;
        }
        profile = build();
    }

    /** 100 samples into a new builder: the work done as a request's samples arrive. */
    @Benchmark
    public ProfileBuilder ingest100Samples() {
        ProfileBuilder b = new ProfileBuilder();
        int thread = b.thread("qtp-1");
        for (int s = 0; s < SAMPLES; s++) b.sample(thread, s * 1_000_000L, 1_000_000L, 1, stacks[s]);
        return b;
    }

    /** Ingestion plus building the immutable profile (tree, line and method tables). */
    @Benchmark
    public Profile ingestAndBuild() {
        return build();
    }

    /** Writing the built profile as JSON (format v1) to a stream that discards it. */
    @Benchmark
    public OutputStream writeJson() throws IOException {
        ProfileJson.write(profile, discard);
        return discard;
    }

    private Profile build() {
        ProfileBuilder b = ingest100Samples();
        RequestInfo request = new RequestInfo("GET", "/api/customers/7/orders", null, 200, Instant.EPOCH, 100_000_000L, null);
        return b.build("bench-1", request, "async-profiler", 1_000_000L, false);
    }
}
