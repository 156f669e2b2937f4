package dev.hotline.demo;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /async}: an asynchronous servlet. The container thread returns at once; the report is built and
 * written on another thread, and the request ends when that thread completes the {@link AsyncContext}.
 */
final class AsyncReportServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        AsyncContext async = req.startAsync();
        async.start(() -> {
            try {
                String report = buildReport();
                resp.setContentType("text/plain");
                resp.setCharacterEncoding("UTF-8");
                resp.getWriter().println(report);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            } catch (IOException e) {
                // the client went away; nothing left to tell it
            } finally {
                async.complete();
            }
        });
    }

    private static String buildReport() throws InterruptedException {
        int[] sales = fetchDailySales();
        long total = 0;
        for (int day : sales) total += day;
        int primes = Primes.countBelow(600_000); // ~70 ms of CPU: a stand-in for crunching the numbers
        return "sales report: " + sales.length + " days, " + total + " items sold (checksum " + primes + ")";
    }

    private static int[] fetchDailySales() throws InterruptedException {
        Thread.sleep(100); // simulated query to the reporting service, on the async thread
        int[] sales = new int[30];
        for (int i = 0; i < sales.length; i++) sales[i] = 100 + i * 7 % 50;
        return sales;
    }
}
