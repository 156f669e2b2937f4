package dev.hotline.agent.attach;

import dev.hotline.agent.bootstrap.EntryHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The woven entry point calls the hooks around the original code and changes nothing else it does. */
class EntryPointWeaverTest {
    /** Shaped like a container's entry point: extra arguments around the request and response. */
    public static class FakeContainer {
        public final List<String> seen = new CopyOnWriteArrayList<>();

        public long handle(int code, String request, double weight, String response) {
            seen.add(request + "/" + response);
            if (code < 0) throw new IllegalStateException("container failure " + code);
            return (long) (code * weight);
        }
    }

    /** An entry point that returns nothing: the hooks may answer its request themselves. */
    public static class FakeVoidContainer {
        public final List<String> seen = new CopyOnWriteArrayList<>();

        public void service(long pad, String request, String response) {
            seen.add(request + "/" + response + "/" + pad);
        }
    }

    static final EntryPoint FAKE_VOID = new EntryPoint("Fake", FakeVoidContainer.class.getName().replace('.', '/'), "service",
            "(JLjava/lang/String;Ljava/lang/String;)V", 1, 2);

    static final EntryPoint FAKE = new EntryPoint("Fake", FakeContainer.class.getName().replace('.', '/'), "handle",
            "(ILjava/lang/String;DLjava/lang/String;)J", 1, 3);

    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    static final class RecordingHooks extends EntryHooks {
        final boolean failing;

        RecordingHooks(boolean failing) {
            this.failing = failing;
        }

        @Override
        protected boolean onServe(Object request, Object response) {
            CALLS.add("serve " + request);
            if (failing) throw new IllegalStateException("hook failure");
            return "ui".equals(request);
        }

        @Override
        protected Object onEnter(Object request, Object response) {
            CALLS.add("enter " + request + " " + response);
            if (failing) throw new IllegalStateException("hook failure");
            return "token";
        }

        @Override
        protected void onExit(Object token, Object request, Object response, Throwable error) {
            CALLS.add("exit " + token + " " + request + " " + response + " " + (error == null ? "-" : error.getMessage()));
            if (failing) throw new IllegalStateException("hook failure");
        }
    }

    @AfterEach
    void uninstall() {
        EntryHooks.install(null);
        CALLS.clear();
    }

    private static Object wovenInstance() throws Exception {
        return wovenInstance(FakeContainer.class, FAKE);
    }

    private static Object wovenInstance(Class<?> type, EntryPoint entry) throws Exception {
        byte[] original;
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            original = in.readAllBytes();
        }
        byte[] woven = EntryPointWeaver.weave(original, entry);
        assertThat(woven).isNotNull();
        ClassLoader loader = new ClassLoader(EntryPointWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return loader.loadClass(type.getName()).getConstructor().newInstance();
    }

    private static Object call(Object target, int code) throws Throwable {
        Method m = target.getClass().getMethod("handle", int.class, String.class, double.class, String.class);
        try {
            return m.invoke(target, code, "req", 2.5, "res");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void hooksRunAroundTheOriginalCode_whichKeepsItsResult() throws Throwable {
        EntryHooks.install(new RecordingHooks(false));
        Object c = wovenInstance();
        assertThat(call(c, 4)).isEqualTo(10L);
        assertThat(CALLS).containsExactly("enter req res", "exit token req res -");
        assertThat(c.getClass().getField("seen").get(c)).isEqualTo(List.of("req/res"));
    }

    @Test
    void anExceptionOfTheOriginal_reachesTheHookAndTheCaller() throws Exception {
        EntryHooks.install(new RecordingHooks(false));
        Object c = wovenInstance();
        assertThatThrownBy(() -> call(c, -3)).isInstanceOf(IllegalStateException.class).hasMessage("container failure -3");
        assertThat(CALLS).containsExactly("enter req res", "exit token req res container failure -3");
    }

    @Test
    void failingHooks_leaveTheCallUntouched() throws Throwable {
        EntryHooks.install(new RecordingHooks(true));
        Object c = wovenInstance();
        assertThat(call(c, 2)).isEqualTo(5L);
        assertThatThrownBy(() -> call(c, -1)).hasMessage("container failure -1");
    }

    @Test
    void withNoHooksInstalled_theCallRunsAsBefore() throws Throwable {
        Object c = wovenInstance();
        assertThat(call(c, 2)).isEqualTo(5L);
        assertThat(CALLS).isEmpty();
    }

    @Test
    void aVoidEntryPoint_returnsAtOnce_whenTheHooksServeTheRequest() throws Throwable {
        EntryHooks.install(new RecordingHooks(false));
        Object c = wovenInstance(FakeVoidContainer.class, FAKE_VOID);
        Method m = c.getClass().getMethod("service", long.class, String.class, String.class);
        m.invoke(c, 7L, "ui", "res");
        assertThat(CALLS).containsExactly("serve ui");
        assertThat(c.getClass().getField("seen").get(c)).isEqualTo(List.of());
        m.invoke(c, 8L, "req", "res");
        assertThat(CALLS).containsExactly("serve ui", "serve req", "enter req res", "exit token req res -");
        assertThat(c.getClass().getField("seen").get(c)).isEqualTo(List.of("req/res/8"));
    }

    @Test
    void aFailingServeHook_letsTheEntryPointRun() throws Throwable {
        EntryHooks.install(new RecordingHooks(true));
        Object c = wovenInstance(FakeVoidContainer.class, FAKE_VOID);
        c.getClass().getMethod("service", long.class, String.class, String.class).invoke(c, 1L, "ui", "res");
        assertThat(c.getClass().getField("seen").get(c)).isEqualTo(List.of("ui/res/1"));
    }

    @Test
    void aClassWithoutTheEntryPoint_isNotWoven() throws IOException {
        byte[] original;
        try (InputStream in = EntryPointWeaverTest.class.getResourceAsStream("EntryPointWeaverTest.class")) {
            original = in.readAllBytes();
        }
        assertThat(EntryPointWeaver.weave(original, FAKE)).isNull();
    }
}
