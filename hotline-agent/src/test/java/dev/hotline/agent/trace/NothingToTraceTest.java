package dev.hotline.agent.trace;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** An interface (a Spring Data repository) or a package-info has no code to trace: that is not worth a warning. */
class NothingToTraceTest {

    @Test
    void interfaceAndPackageInfo_areNotTraced_withoutAWarning() throws Exception {
        byte[] repository = type("traced/fixture/OwnerRepository", Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT, true);
        byte[] packageInfo = type("traced/fixture/package-info", Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_SYNTHETIC, false);
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger jul = Logger.getLogger(dev.hotline.core.internal.FailureLog.log().getName());
        jul.addHandler(h);
        try (TracedRequests env = new TracedRequests()) {
            assertThat(env.tracer.transformer().transform(env.loader, "traced/fixture/OwnerRepository", null, null, repository)).isNull();
            assertThat(env.tracer.transformer().transform(env.loader, "traced/fixture/package-info", null, null, packageInfo)).isNull();
            assertThat(env.tracer.classesRefused()).isZero();
        } finally {
            jul.removeHandler(h);
        }
        assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    private static byte[] type(String name, int access, boolean withAbstractMethod) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, access, name, null, "java/lang/Object", null);
        if (withAbstractMethod) {
            cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "findByLastName", "(Ljava/lang/String;)Ljava/util/List;", null, null).visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
