package dev.hotline.agent.attach;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entry points that pass a per-request context: the hooks reach the request through it, or leave it alone. */
class RequestContextsTest {
    /** Has the getters an entry point names. */
    public static final class GoodContext {
        final Object request;
        final Object response;
        int reached;

        GoodContext(Object request, Object response) {
            this.request = request;
            this.response = response;
        }

        public Object getOriginalRequest() {
            reached++;
            return request;
        }

        public Object getOriginalResponse() {
            reached++;
            return response;
        }
    }

    /** A container version without them. */
    public static final class ContextWithoutGetters {}

    private static EntryPoint entry(Class<?> context) {
        return new EntryPoint("Test", "test/Container", "handle", "(L" + Type.getInternalName(context) + ";)V", 0, 0,
                "getOriginalRequest", "getOriginalResponse");
    }

    private final ServletHooks hooks = new ServletHooks(() -> {
        throw new AssertionError("no profile may begin for a request that is not a servlet request");
    });

    @Test
    void theRequestAndResponseAreTakenFromTheContext() {
        RequestContexts contexts = new RequestContexts(hooks, List.of(entry(GoodContext.class)));
        GoodContext ctx = new GoodContext("not a servlet request", "not a response");

        assertThat(contexts.onEnter(ctx, ctx)).isNull();
        contexts.onExit("token", ctx, ctx, null);

        assertThat(ctx.reached).isEqualTo(4);
    }

    @Test
    void aContextWithoutTheGetters_costsTheRequestItsProfile_only() {
        RequestContexts contexts = new RequestContexts(hooks, List.of(entry(ContextWithoutGetters.class)));
        ContextWithoutGetters ctx = new ContextWithoutGetters();

        assertThat(contexts.onEnter(ctx, ctx)).isNull();
        contexts.onExit("token", ctx, ctx, new IllegalStateException("from the container"));
    }

    @Test
    void argumentsOfOtherClasses_goToTheHooksAsTheyAre() {
        RequestContexts contexts = new RequestContexts(hooks, List.of(entry(GoodContext.class), EntryPointWeaverTest.FAKE));

        assertThat(contexts.onEnter("request", "response")).isNull();
        contexts.onExit(null, "request", "response", null);
    }
}
