package dev.hotline.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Asks every supplier for a quote at once, on a thread pool, and waits for all the answers. The pool is wrapped
 * with {@code HotlineContext.wrap}, so the suppliers' threads count as work of the request that asked.
 */
final class SupplierQuotes {
    static final List<String> SUPPLIERS = List.of("acme", "globex", "initech", "umbrella");

    /** One supplier's answer. */
    record Quote(String supplier, int priceCents) {}

    private final ExecutorService pool;

    SupplierQuotes(ExecutorService pool) {
        this.pool = pool;
    }

    /** One quote per supplier, asked in parallel. */
    List<Quote> askAll(String sku) throws InterruptedException, ExecutionException {
        List<Callable<Quote>> questions = new ArrayList<>();
        for (String supplier : SUPPLIERS) questions.add(() -> ask(supplier, sku));
        List<Quote> quotes = new ArrayList<>();
        for (Future<Quote> answer : pool.invokeAll(questions)) { // the request thread waits for all four
            quotes.add(answer.get());
        }
        return quotes;
    }

    /** Runs on a pool thread: prices the item from the supplier's catalogue, then waits for its API. */
    static Quote ask(String supplier, String sku) throws InterruptedException {
        int priceCents = priceFromCatalogue(supplier, sku);
        Thread.sleep(60); // simulated call to the supplier's API
        return new Quote(supplier, priceCents);
    }

    private static int priceFromCatalogue(String supplier, String sku) {
        int matches = Primes.countBelow(250_000); // stands in for searching a big catalogue: ~30 ms of CPU
        return 1_000 + Math.floorMod((supplier + sku).hashCode() + matches, 9_000);
    }
}
