package dev.hotline.bench.trace;

import dev.hotline.agent.trace.LineTracer;
import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Cost of exact line tracing: the same code ({@code benchapp.shop.Shop}) loaded as it is and woven, run inside a
 * profiled request on the benchmark thread, as a request under the agent would run it. Modes:
 * <ul>
 *   <li>{@code plain}: not woven, inside a request (the sampler runs at 1 s, so it costs next to nothing);</li>
 *   <li>{@code traced}: woven, inside the same kind of request: every line and call counted;</li>
 *   <li>{@code dormant}: woven, no request on the thread: what woven code costs between requests.</li>
 * </ul>
 * Run: {@code mvn -B -q -Pbench -DskipTests package -pl hotline-bench -am}, then
 * {@code java -cp CP org.openjdk.jmh.Main TracingBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s} where CP holds
 * {@code hotline-bench/target/classes}, {@code hotline-agent/target/classes}, {@code hotline-core/target/classes}
 * and the jars of jmh-core, jopt-simple, commons-math3, asm, asm-tree, asm-commons, async-profiler and
 * protobuf-java.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracingBenchmark {
    @Param({"plain", "traced", "dormant"})
    public String mode;

    private Hotline hotline;
    private LineTracer tracer;
    private LongUnaryOperator tightLoop;
    private LongUnaryOperator handler;
    private RequestProfile request;
    private long customer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HotlineConfig config = HotlineConfig.builder().packages("benchapp").engine(HotlineConfig.Engine.JAVA)
                .interval(java.time.Duration.ofSeconds(1)).textOutput(HotlineConfig.TextOutput.OFF).keepInMemory(1).build();
        tracer = LineTracer.create(config);
        hotline = Hotline.start(config);
        ClassLoader loader = new Loader(mode.equals("plain") ? null : tracer.transformer());
        tightLoop = (LongUnaryOperator) loader.loadClass("benchapp.shop.Shop$TightLoop").getDeclaredConstructor().newInstance();
        handler = (LongUnaryOperator) loader.loadClass("benchapp.shop.Shop$OrderHandler").getDeclaredConstructor().newInstance();
    }

    /** One request per iteration, begun on the benchmark thread itself. */
    @Setup(Level.Iteration)
    public void beginRequest() {
        if (!mode.equals("dormant")) request = hotline.begin("GET", "/bench", null, true);
    }

    @TearDown(Level.Iteration)
    public void endRequest() {
        if (request != null) {
            request.detach();
            request.end(200, null);
            request = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hotline.close();
        tracer.close();
    }

    /** 1,000 iterations of a one-line loop body. */
    @Benchmark
    public long tightLoop() {
        return tightLoop.applyAsLong(1000);
    }

    /** One GET /orders/{customer}: four layers, a sort, a map look-up, JSON text. */
    @Benchmark
    public long requestHandler() {
        return handler.applyAsLong(customer++ & 127);
    }

    /** Loads benchapp classes itself, woven by {@code transformer} when there is one. */
    private static final class Loader extends ClassLoader {
        private final ClassFileTransformer transformer;

        Loader(ClassFileTransformer transformer) {
            super(TracingBenchmark.class.getClassLoader());
            this.transformer = transformer;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("benchapp.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                byte[] b;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) throw new ClassNotFoundException(name);
                    b = in.readAllBytes();
                    if (transformer != null) {
                        byte[] woven = transformer.transform(this, name.replace('.', '/'), null, null, b);
                        if (woven != null) b = woven;
                    }
                } catch (IOException | IllegalClassFormatException e) {
                    throw new ClassNotFoundException(name, e);
                }
                return defineClass(name, b, 0, b.length);
            }
        }
    }
}
