package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.ThreadBinding;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries the profiled request into work it hands to other threads, so that work is sampled and shows up
 * in the request's profile. Wrap a task where it is created, on the request's thread:
 *
 * <pre>{@code
 * ExecutorService pool = HotlineContext.wrap(Executors.newFixedThreadPool(4));
 * Future<Price> price = pool.submit(() -> pricing.quote(item));   // sampled as part of the request
 * }</pre>
 *
 * Outside a profiled request every method returns its argument's behaviour unchanged, at the cost of one
 * thread-local read. Work still running when the response ends is not counted past that point.
 *
 * @since 0.1
 */
public final class HotlineContext {
    private HotlineContext() {}

    /** Whether the current thread works for a profiled request. */
    public static boolean isProfiling() {
        return ThreadBinding.current() != null;
    }

    /** A runnable that, wherever it runs, works for the current request. */
    public static Runnable wrap(Runnable task) {
        RequestRecording rec = ThreadBinding.current();
        if (rec == null || task instanceof ContextRunnable) return task;
        return new ContextRunnable(rec, task);
    }

    /** A callable that, wherever it runs, works for the current request. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        RequestRecording rec = ThreadBinding.current();
        if (rec == null || task instanceof ContextCallable) return task;
        return new ContextCallable<>(rec, task);
    }

    /** An executor whose tasks work for the request that submitted them. */
    public static Executor wrap(Executor executor) {
        if (executor instanceof ExecutorService es) return wrap(es);
        if (executor instanceof ContextExecutor) return executor;
        return new ContextExecutor(executor);
    }

    /** An executor service whose tasks work for the request that submitted them. */
    public static ExecutorService wrap(ExecutorService executor) {
        if (executor instanceof ContextExecutorService) return executor;
        return new ContextExecutorService(executor);
    }

    private record ContextRunnable(RequestRecording rec, Runnable task) implements Runnable {
        @Override
        public void run() {
            ThreadBinding b = ThreadBinding.bind(rec);
            try {
                task.run();
            } finally {
                ThreadBinding.unbind(b);
            }
        }
    }

    private record ContextCallable<T>(RequestRecording rec, Callable<T> task) implements Callable<T> {
        @Override
        public T call() throws Exception {
            ThreadBinding b = ThreadBinding.bind(rec);
            try {
                return task.call();
            } finally {
                ThreadBinding.unbind(b);
            }
        }
    }

    private record ContextExecutor(Executor delegate) implements Executor {
        @Override
        public void execute(Runnable command) {
            delegate.execute(wrap(command));
        }
    }

    /** Wraps at submission; AbstractExecutorService routes submit/invokeAll through execute. */
    private static final class ContextExecutorService extends AbstractExecutorService {
        private final ExecutorService delegate;

        ContextExecutorService(ExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override public void execute(Runnable command) { delegate.execute(wrap(command)); }
        @Override public void shutdown() { delegate.shutdown(); }
        @Override public List<Runnable> shutdownNow() { return delegate.shutdownNow(); }
        @Override public boolean isShutdown() { return delegate.isShutdown(); }
        @Override public boolean isTerminated() { return delegate.isTerminated(); }
        @Override public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
        @Override public String toString() { return "HotlineContext(" + delegate + ")"; }
    }

}
