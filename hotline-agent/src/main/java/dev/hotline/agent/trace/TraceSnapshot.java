package dev.hotline.agent.trace;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.trace.TraceContribution;

import java.util.Arrays;

/** The figures one thread counted for a request during one stretch of work, by id; frames resolved on use. */
final class TraceSnapshot implements TraceContribution {
    private final TraceRegistry registry;
    private final int[] lineIds;
    private final long[] lineFigures;
    private final int[] methodIds;
    private final long[] methodFigures;
    private final int[] edgeIds;
    private final long[] edgeFigures;

    private TraceSnapshot(Builder b) {
        registry = b.registry;
        lineIds = Arrays.copyOf(b.lineIds, b.lines);
        lineFigures = Arrays.copyOf(b.lineFigures, b.lines * 3);
        methodIds = Arrays.copyOf(b.methodIds, b.methods);
        methodFigures = Arrays.copyOf(b.methodFigures, b.methods * 3);
        edgeIds = Arrays.copyOf(b.edgeIds, b.edges * 2);
        edgeFigures = Arrays.copyOf(b.edgeFigures, b.edges * 2);
    }

    @Override
    public void addTo(ProfileBuilder profile) {
        for (int i = 0; i < lineIds.length; i++) {
            profile.exactLine(registry.lineFrame(lineIds[i]), lineFigures[3 * i], lineFigures[3 * i + 1], lineFigures[3 * i + 2]);
        }
        for (int i = 0; i < methodIds.length; i++) {
            profile.exactMethod(registry.methodFrame(methodIds[i]), methodFigures[3 * i], methodFigures[3 * i + 1],
                    methodFigures[3 * i + 2]);
        }
        for (int i = 0; i < edgeFigures.length / 2; i++) {
            int caller = edgeIds[2 * i];
            Frame callerFrame = caller < 0 ? null : registry.methodFrame(caller);
            profile.exactCall(callerFrame, registry.methodFrame(edgeIds[2 * i + 1]), edgeFigures[2 * i], edgeFigures[2 * i + 1]);
        }
    }

    static final class Builder {
        private final TraceRegistry registry;
        private int lines, methods, edges;
        private int[] lineIds = new int[16];
        private long[] lineFigures = new long[48];
        private int[] methodIds = new int[16];
        private long[] methodFigures = new long[48];
        private int[] edgeIds = new int[32];
        private long[] edgeFigures = new long[32];

        Builder(TraceRegistry registry) {
            this.registry = registry;
        }

        void line(int id, long hits, long ns, long maxNs) {
            if (lines == lineIds.length) {
                lineIds = Arrays.copyOf(lineIds, lines * 2);
                lineFigures = Arrays.copyOf(lineFigures, lines * 6);
            }
            lineIds[lines] = id;
            lineFigures[3 * lines] = hits;
            lineFigures[3 * lines + 1] = ns;
            lineFigures[3 * lines + 2] = maxNs;
            lines++;
        }

        void method(int id, long calls, long tottimeNs, long cumtimeNs) {
            if (methods == methodIds.length) {
                methodIds = Arrays.copyOf(methodIds, methods * 2);
                methodFigures = Arrays.copyOf(methodFigures, methods * 6);
            }
            methodIds[methods] = id;
            methodFigures[3 * methods] = calls;
            methodFigures[3 * methods + 1] = tottimeNs;
            methodFigures[3 * methods + 2] = cumtimeNs;
            methods++;
        }

        void edge(int caller, int callee, long calls, long ns) {
            if (2 * edges == edgeIds.length) {
                edgeIds = Arrays.copyOf(edgeIds, edges * 4);
                edgeFigures = Arrays.copyOf(edgeFigures, edges * 4);
            }
            edgeIds[2 * edges] = caller;
            edgeIds[2 * edges + 1] = callee;
            edgeFigures[2 * edges] = calls;
            edgeFigures[2 * edges + 1] = ns;
            edges++;
        }

        boolean isEmpty() {
            return lines == 0 && methods == 0 && edges == 0;
        }

        TraceSnapshot build() {
            return new TraceSnapshot(this);
        }
    }
}
