package dev.hotline.agent.trace;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Classes the weaver must leave alone, and the debug dump. */
class UnweavableClassTest {
    /** Increments of 3 bytes each, every one on its own line: about 63 KB of code, no room for probes. */
    private static final int NEAR_LIMIT = 21_000;

    @Test
    void methodNearThe64KbLimit_leavesAClassOfOnlyThatMethodByteIdentical_andItRuns() throws Exception {
        byte[] original = generated("traced.fixture.Huge", true, false);
        try (TracedRequests env = new TracedRequests()) {
            byte[] out = env.tracer.transformer().transform(env.loader, "traced/fixture/Huge", null, null, original);
            assertThat(out).isNull(); // the JVM keeps the original bytes
            assertThat(env.tracer.classesRefused()).isEqualTo(1);
            env.loader.add("traced.fixture.Huge", original);
            Object result = env.load("Huge").getMethod("big").invoke(null);
            assertThat(result).isEqualTo(NEAR_LIMIT);
        }
    }

    @Test
    void methodNearThe64KbLimit_isSkipped_whileTheRestOfItsClassIsTraced() throws Exception {
        byte[] original = generated("traced.fixture.HugeAndSmall", true, true);
        try (TracedRequests env = new TracedRequests()) {
            env.loader.add("traced.fixture.HugeAndSmall", original);
            Class<?> c = env.load("HugeAndSmall");
            assertThat(env.tracer.classesWoven()).isEqualTo(1);
            Profile p = env.request("/huge", () -> {
                try {
                    assertThat(c.getMethod("big").invoke(null)).isEqualTo(NEAR_LIMIT);
                    assertThat(c.getMethod("small").invoke(null)).isEqualTo(1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(p.methods().stream().filter(m -> m.traced()).map(m -> m.method().methodName())).containsExactly("small");
        }
    }

    @Test
    void subroutinesOfOldClassFiles_areLeftByteIdentical_andRun() throws Exception {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC, "traced/fixture/Jsr", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "()I", null, null);
        mv.visitCode();
        Label sub = new Label();
        Label line = new Label();
        mv.visitLabel(line);
        mv.visitLineNumber(1, line);
        mv.visitJumpInsn(Opcodes.JSR, sub);
        mv.visitInsn(Opcodes.ICONST_2);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(sub);
        mv.visitVarInsn(Opcodes.ASTORE, 0);
        mv.visitVarInsn(Opcodes.RET, 0);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
        cw.visitEnd();
        byte[] original = cw.toByteArray();
        try (TracedRequests env = new TracedRequests()) {
            assertThat(env.tracer.transformer().transform(env.loader, "traced/fixture/Jsr", null, null, original)).isNull();
            env.loader.add("traced.fixture.Jsr", original);
            assertThat(env.load("Jsr").getMethod("f").invoke(null)).isEqualTo(2);
        }
    }

    @Test
    void classesOutsideThePackages_andHotlinesOwn_areNeverWoven() throws Exception {
        byte[] workload = Workload();
        try (TracedRequests env = new TracedRequests()) {
            var t = env.tracer.transformer();
            assertThat(t.transform(env.loader, "com/other/Workload", null, null, workload)).isNull();
            assertThat(t.transform(env.loader, "dev/hotline/core/Hotline", null, null, workload)).isNull();
            assertThat(t.transform(env.loader, "org/eclipse/jetty/server/Server", null, null, workload)).isNull();
            assertThat(t.transform(env.loader, "traced/fixture/Workload$$Lambda/0x0000000800c4b2a8", null, null, workload)).isNull();
            assertThat(t.transform(null, "traced/fixture/Workload", null, null, workload)).isNull(); // bootstrap loader
            assertThat(t.transform(env.loader, "traced/fixture/Workload", null, null, workload)).isNotNull();
        }
    }

    @Test
    void theDemoPackage_isWovenWhenSelected_butHotlinesLibraryIsNot() throws Exception {
        byte[] workload = Workload();
        try (TracedRequests env = new TracedRequests(HotlineConfig.builder().packages("dev.hotline"))) {
            var t = env.tracer.transformer();
            assertThat(t.transform(env.loader, "dev/hotline/demo/Workload", null, null, workload)).isNotNull();
            assertThat(t.transform(env.loader, "dev/hotline/core/Workload", null, null, workload)).isNull();
            assertThat(t.transform(env.loader, "dev/hotline/servlet/Workload", null, null, workload)).isNull();
            assertThat(t.transform(env.loader, "dev/hotline/agent/Workload", null, null, workload)).isNull();
        }
    }

    @Test
    void debugDump_writesTheOriginalAndTracedBytes(@TempDir Path dir) throws Exception {
        HotlineConfig.Builder config = HotlineConfig.builder().packages("traced.fixture")
                .set("trace-dump-class", "traced.fixture.Workload").set("trace-dump-dir", dir.toString());
        try (TracedRequests env = new TracedRequests(config)) {
            env.load("Workload");
        }
        Path original = dir.resolve("traced.fixture.Workload.original.class");
        Path traced = dir.resolve("traced.fixture.Workload.traced.class");
        assertThat(original).exists();
        assertThat(traced).exists();
        assertThat(Files.readAllBytes(original)).isEqualTo(Workload());
        assertThat(Files.readAllBytes(traced)).isNotEqualTo(Workload());
        assertThat(new ClassReader(Files.readAllBytes(traced)).getClassName()).isEqualTo("traced/fixture/Workload");
        assertThat(Files.list(dir).count()).isEqualTo(2); // no other class dumped
    }

    private static byte[] Workload() throws Exception {
        try (var in = UnweavableClassTest.class.getResourceAsStream("/traced/fixture/Workload.class")) {
            return in.readAllBytes();
        }
    }

    /** A class with a static {@code big()} near the method size limit and, optionally, a small {@code small()}. */
    private static byte[] generated(String name, boolean big, boolean small) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name.replace('.', '/'), null, "java/lang/Object", null);
        cw.visitSource(name.substring(name.lastIndexOf('.') + 1) + ".java", null);
        if (big) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "big", "()I", null, null);
            mv.visitCode();
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, 0);
            for (int i = 0; i < NEAR_LIMIT; i++) {
                Label l = new Label();
                mv.visitLabel(l);
                mv.visitLineNumber(i + 1, l);
                mv.visitIincInsn(0, 1);
            }
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(1, 1);
            mv.visitEnd();
        }
        if (small) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "small", "()I", null, null);
            mv.visitCode();
            Label l = new Label();
            mv.visitLabel(l);
            mv.visitLineNumber(NEAR_LIMIT + 10, l);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(1, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
