package dev.hotline.agent.attach;

import dev.hotline.agent.bootstrap.EntryHooks;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Weaves one entry point: the method keeps its code, renamed to a private {@code name$hotline}; a method with
 * the original name, access and descriptor calls {@link EntryHooks#enter} and {@link EntryHooks#exit} around
 * it. When the method returns nothing, the wrapper first asks {@link EntryHooks#serve} whether the hooks
 * answered the request themselves, and returns at once if they did. The container's own bytecode is not touched, so nothing in it can be broken by the weaving; its
 * stack traces gain one frame.
 */
final class EntryPointWeaver {
    static final String RENAMED_SUFFIX = "$hotline";
    private static final String HOOKS = Type.getInternalName(EntryHooks.class);

    private EntryPointWeaver() {}

    /** The woven class, or {@code null} when the class does not have the entry point in a weavable form. */
    static byte[] weave(byte[] original, EntryPoint entry) {
        ClassReader reader = new ClassReader(original);
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0) return null;
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Renamer renamer = new Renamer(writer, entry);
        reader.accept(renamer, 0);
        return renamer.woven ? writer.toByteArray() : null;
    }

    private static final class Renamer extends ClassVisitor {
        private final EntryPoint entry;
        private String owner;
        private int version;
        private boolean woven;
        private int access;
        private String signature;
        private String[] exceptions;

        Renamer(ClassVisitor next, EntryPoint entry) {
            super(Opcodes.ASM9, next);
            this.entry = entry;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.owner = name;
            this.version = version & 0xFFFF;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            boolean match = name.equals(entry.method()) && descriptor.equals(entry.descriptor())
                    && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                    && version >= Opcodes.V1_6 && !woven;
            if (!match) return super.visitMethod(access, name, descriptor, signature, exceptions);
            woven = true;
            this.access = access;
            this.signature = signature;
            this.exceptions = exceptions;
            int renamedAccess = (access & ~(Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
            return super.visitMethod(renamedAccess, name + RENAMED_SUFFIX, descriptor, signature, exceptions);
        }

        @Override
        public void visitEnd() {
            if (woven) writeWrapper();
            super.visitEnd();
        }

        private void writeWrapper() {
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            int wrapperAccess = access & ~Opcodes.ACC_SYNCHRONIZED;
            MethodVisitor mv = super.visitMethod(wrapperAccess, entry.method(), entry.descriptor(), signature, exceptions);
            Type[] args = Type.getArgumentTypes(entry.descriptor());
            Type ret = Type.getReturnType(entry.descriptor());
            int[] slot = new int[args.length];
            List<Object> frameLocals = new ArrayList<>();
            int next = 0;
            if (!isStatic) {
                frameLocals.add(owner);
                next = 1;
            }
            for (int i = 0; i < args.length; i++) {
                slot[i] = next;
                next += args[i].getSize();
                frameLocals.add(frameType(args[i]));
            }
            int token = next;
            int spare = next + 1;
            frameLocals.add("java/lang/Object");
            int req = slot[entry.requestArg()];
            int res = slot[entry.responseArg()];

            Label tryStart = new Label();
            Label tryEnd = new Label();
            Label handler = new Label();
            mv.visitCode();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
            if (ret.getSort() == Type.VOID) {
                // The hooks may answer the request themselves (the results page); then the method returns at once.
                Label proceed = new Label();
                mv.visitVarInsn(Opcodes.ALOAD, req);
                mv.visitVarInsn(Opcodes.ALOAD, res);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "serve", "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
                mv.visitJumpInsn(Opcodes.IFEQ, proceed);
                mv.visitInsn(Opcodes.RETURN);
                mv.visitLabel(proceed);
                mv.visitFrame(Opcodes.F_NEW, frameLocals.size() - 1, frameLocals.subList(0, frameLocals.size() - 1).toArray(), 0, new Object[0]);
            }
            mv.visitVarInsn(Opcodes.ALOAD, req);
            mv.visitVarInsn(Opcodes.ALOAD, res);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, token);
            mv.visitLabel(tryStart);
            if (!isStatic) mv.visitVarInsn(Opcodes.ALOAD, 0);
            for (int i = 0; i < args.length; i++) mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slot[i]);
            mv.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL, owner, entry.method() + RENAMED_SUFFIX,
                    entry.descriptor(), false);
            if (ret.getSort() != Type.VOID) mv.visitVarInsn(ret.getOpcode(Opcodes.ISTORE), spare);
            mv.visitLabel(tryEnd);
            exitCall(mv, token, req, res, -1);
            if (ret.getSort() != Type.VOID) mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), spare);
            mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, frameLocals.size(), frameLocals.toArray(), 1, new Object[] {"java/lang/Throwable"});
            mv.visitVarInsn(Opcodes.ASTORE, spare);
            exitCall(mv, token, req, res, spare);
            mv.visitVarInsn(Opcodes.ALOAD, spare);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        private static void exitCall(MethodVisitor mv, int token, int req, int res, int error) {
            mv.visitVarInsn(Opcodes.ALOAD, token);
            mv.visitVarInsn(Opcodes.ALOAD, req);
            mv.visitVarInsn(Opcodes.ALOAD, res);
            if (error < 0) mv.visitInsn(Opcodes.ACONST_NULL);
            else mv.visitVarInsn(Opcodes.ALOAD, error);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "exit",
                    "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V", false);
        }

        private static Object frameType(Type t) {
            switch (t.getSort()) {
                case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT: return Opcodes.INTEGER;
                case Type.LONG: return Opcodes.LONG;
                case Type.FLOAT: return Opcodes.FLOAT;
                case Type.DOUBLE: return Opcodes.DOUBLE;
                default: return t.getInternalName();
            }
        }
    }
}
