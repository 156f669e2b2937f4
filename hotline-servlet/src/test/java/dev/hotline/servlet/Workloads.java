package dev.hotline.servlet;

import dev.hotline.core.HotlineContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Handlers whose frames are recognisable in profiles: each does its work in a class of its own. */
final class Workloads {
    private Workloads() {}

    /** Four distinct endpoints for the isolation test: CPU then sleep, each in its own class. */
    static final class AlphaWork { static void run() { GroundTruthWorkload.spin(60); GroundTruthWorkload.sleep(60); } }
    static final class BravoWork { static void run() { GroundTruthWorkload.spin(60); GroundTruthWorkload.sleep(60); } }
    static final class CharlieWork { static void run() { GroundTruthWorkload.spin(60); GroundTruthWorkload.sleep(60); } }
    static final class DeltaWork { static void run() { GroundTruthWorkload.spin(60); GroundTruthWorkload.sleep(60); } }

    static HttpServlet servlet(Runnable work) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                work.run();
                resp.getWriter().print("ok");
            }
        };
    }

    /** Hands the slow part to a pool through {@link HotlineContext}. */
    static final class HopServlet extends HttpServlet {
        final ExecutorService pool = HotlineContext.wrap(Executors.newFixedThreadPool(2, r -> new Thread(r, "hop-pool")));

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Future<String> f = pool.submit(PoolWork::inPool);
            try {
                resp.getWriter().print(f.get());
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    static final class PoolWork {
        static String inPool() {
            GroundTruthWorkload.sleep(120);
            return "pooled";
        }
    }

    /** An async servlet: the work runs in {@link AsyncContext#start} and completes later. */
    static final class AsyncServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext ctx = req.startAsync();
            ctx.start(() -> {
                AsyncWork.later();
                try {
                    ctx.getResponse().getWriter().print("async done");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                ctx.complete();
            });
        }
    }

    static final class AsyncWork {
        static void later() {
            GroundTruthWorkload.sleep(150);
        }
    }
}
