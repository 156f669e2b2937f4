package dev.hotline.bench.app;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A layer around the handler, as servlet frameworks stack them: each does a little and calls the next. */
interface Middleware {
    void handle(Exchange exchange, Chain next) throws Exception;

    /** The rest of the chain after one middleware; the last link calls the router. */
    final class Chain {
        private final List<Middleware> layers;
        private final int index;
        private final Terminal terminal;

        Chain(List<Middleware> layers, int index, Terminal terminal) {
            this.layers = layers;
            this.index = index;
            this.terminal = terminal;
        }

        void proceed(Exchange exchange) throws Exception {
            if (index == layers.size()) terminal.handle(exchange);
            else layers.get(index).handle(exchange, new Chain(layers, index + 1, terminal));
        }
    }

    interface Terminal {
        void handle(Exchange exchange) throws Exception;
    }

    static List<Middleware> standardChain() {
        return List.of(new ErrorHandling(), new RequestId(), new Metrics(), new Cors(), new Authentication(),
                new LocaleResolution(), new RateLimit(), new Transactional(), new CacheControl(), new Validation());
    }

    final class ErrorHandling implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            try {
                next.proceed(exchange);
            } catch (IllegalArgumentException e) {
                exchange.status = 400;
                exchange.result = java.util.Map.of("error", String.valueOf(e.getMessage()));
            }
        }
    }

    final class RequestId implements Middleware {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            exchange.responseHeaders.put("X-Request-Id", Long.toHexString(ids.incrementAndGet()));
            next.proceed(exchange);
        }
    }

    final class Metrics implements Middleware {
        private final LongAdder requests = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            long start = System.nanoTime();
            try {
                next.proceed(exchange);
            } finally {
                requests.increment();
                nanos.add(System.nanoTime() - start);
            }
        }
    }

    final class Cors implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            exchange.responseHeaders.put("Access-Control-Allow-Origin", "*");
            next.proceed(exchange);
        }
    }

    final class Authentication implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            String token = exchange.query.getOrDefault("token", "guest");
            exchange.attributes.put("principal", token.isEmpty() ? "guest" : token);
            next.proceed(exchange);
        }
    }

    final class LocaleResolution implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            exchange.attributes.put("locale", Locale.forLanguageTag(exchange.query.getOrDefault("lang", "en-GB")));
            next.proceed(exchange);
        }
    }

    final class RateLimit implements Middleware {
        private final LongAdder tokens = new LongAdder();

        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            tokens.increment();
            next.proceed(exchange);
        }
    }

    final class Transactional implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            exchange.attributes.put("tx", Boolean.TRUE);
            try {
                next.proceed(exchange);
            } finally {
                exchange.attributes.remove("tx");
            }
        }
    }

    final class CacheControl implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            next.proceed(exchange);
            exchange.responseHeaders.put("Cache-Control", "no-store");
        }
    }

    final class Validation implements Middleware {
        @Override
        public void handle(Exchange exchange, Chain next) throws Exception {
            if (exchange.path.length() > 2048) throw new IllegalArgumentException("path too long");
            next.proceed(exchange);
        }
    }
}
