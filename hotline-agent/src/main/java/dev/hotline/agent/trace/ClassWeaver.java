package dev.hotline.agent.trace;

import dev.hotline.core.model.Frame;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AdviceAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inserts the line and method probes of {@link TraceRuntime} into one class file:
 *
 * <pre>
 *   ThreadTrace t = TraceRuntime.enter(METHOD);       // on entry; in a constructor right after super()/this()
 *   TraceRuntime.line(t, LINE);                       // before the first instruction of each timed line
 *   TraceRuntime.straight(t, LINE);                   // before the first instruction of each straight-line line
 *   TraceRuntime.exit(t, METHOD);                     // before each return, and in a catch-all handler that rethrows
 * </pre>
 *
 * The probes add no branch, so the class's own stack map frames stay valid once the new local is added to each
 * of them; frames are never recomputed and no class is loaded to weave. Methods that cannot be woven safely are
 * left as they were: subroutines (JSR/RET), constructors whose super()/this() call cannot be told apart, and
 * methods the probes would push beyond the 64 KB limit. A class that cannot be woven at all is reported by
 * {@link Result#reason()} and its bytes are not used.
 */
final class ClassWeaver {
    private static final String RUNTIME = Type.getInternalName(TraceRuntime.class);
    private static final String TRACE = Type.getInternalName(ThreadTrace.class);
    private static final String TRACE_DESC = Type.getDescriptor(ThreadTrace.class);
    /** Attempts after a method turned out too large; each drops the offending method. */
    private static final int ATTEMPTS = 8;

    /**
     * @param bytes   the woven class, or {@code null} when nothing was woven
     * @param reason  why the class was not woven, or {@code null}
     * @param methods methods woven
     * @param skipped methods left unwoven, with why
     */
    record Result(byte[] bytes, String reason, int methods, List<String> skipped) {
        /** Not woven because there is nothing to trace (an interface, package-info, a module or annotation): no warning. */
        boolean nothingToTrace() {
            return NO_CODE.equals(reason) || DECLARATION.equals(reason);
        }
    }

    static final String NO_CODE = "no method with code";
    static final String DECLARATION = "a module or annotation declaration";

    private final TraceRegistry registry;

    ClassWeaver(TraceRegistry registry) {
        this.registry = registry;
    }

    Result weave(byte[] original) {
        Set<String> tooLarge = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            skipped.clear();
            ClassNode cn = new ClassNode();
            try {
                new ClassReader(original).accept(cn, ClassReader.EXPAND_FRAMES);
            } catch (RuntimeException e) {
                return new Result(null, "unreadable class file (" + e + ")", 0, List.of());
            }
            if ((cn.access & (Opcodes.ACC_MODULE | Opcodes.ACC_ANNOTATION)) != 0) {
                return new Result(null, DECLARATION, 0, List.of());
            }
            int woven = 0;
            for (MethodNode m : cn.methods) {
                String key = m.name + m.desc;
                if (tooLarge.contains(key)) {
                    skipped.add(key + ": the probes would take it past the 64 KB method limit");
                    continue;
                }
                String why = weave(cn, m);
                if (why == null) woven++;
                else if (!why.isEmpty()) skipped.add(key + ": " + why);
            }
            if (woven == 0) return new Result(null, skipped.isEmpty() ? NO_CODE : "no method could be woven: " + skipped, 0, skipped);
            try {
                ClassWriter cw = new ClassWriter(0);
                cn.accept(cw);
                return new Result(cw.toByteArray(), null, woven, List.copyOf(skipped));
            } catch (MethodTooLargeException e) {
                tooLarge.add(e.getMethodName() + e.getDescriptor());
            } catch (ClassTooLargeException e) {
                return new Result(null, "the woven class would exceed the class file limits (" + e.getMessage() + ")", 0, List.of());
            } catch (RuntimeException e) {
                return new Result(null, "could not write the woven class (" + e + ")", 0, List.of());
            }
        }
        return new Result(null, "too many methods near the 64 KB limit", 0, List.of());
    }

    /** Weaves one method in place: {@code null} when woven, {@code ""} when it has no code, else why not. */
    private String weave(ClassNode cn, MethodNode m) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m.instructions.size() == 0) return "";
        if ((m.access & Opcodes.ACC_BRIDGE) != 0) return ""; // a bridge only forwards: counting it would count calls twice
        for (AbstractInsnNode i : m.instructions) {
            if (i.getOpcode() == Opcodes.JSR || i.getOpcode() == Opcodes.RET) return "uses subroutines (JSR/RET)";
        }
        if (m.maxLocals + 1 > 0xFFFF || m.maxStack + 3 > 0xFFFF) return "no room for another local or stack slot";
        boolean constructor = m.name.equals("<init>");
        AbstractInsnNode superCall = null;
        if (constructor) {
            superCall = superCall(m);
            if (superCall == null) return "the super() or this() call could not be located";
        }

        String className = cn.name.replace('/', '.');
        int mid = registry.method(new Frame(className, m.name, cn.sourceFile, -1));
        int slot = m.maxLocals;
        boolean frames = (cn.version & 0xFFFF) >= Opcodes.V1_6;

        // Line probes go before the first real instruction of each line, after its label and frame.
        Map<Integer, Integer> lineIds = new HashMap<>();
        Map<AbstractInsnNode, Integer> lineAt = new IdentityHashMap<>();
        int lineAtSuper = -1;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            if (i instanceof LineNumberNode ln) {
                AbstractInsnNode target = ln.getNext();
                while (target != null && target.getOpcode() < 0) target = target.getNext();
                if (target == null) continue;
                int lid = lineIds.computeIfAbsent(ln.line, n -> registry.line(new Frame(className, m.name, cn.sourceFile, n)));
                lineAt.put(target, lid);
            }
            if (i == superCall) {
                for (AbstractInsnNode j = i; j != null; j = j.getPrevious()) {
                    if (j instanceof LineNumberNode ln) {
                        lineAtSuper = lineIds.computeIfAbsent(ln.line, n -> registry.line(new Frame(className, m.name, cn.sourceFile, n)));
                        break;
                    }
                }
            }
        }
        Map<Integer, Integer> weights = weights(m, lineAt);
        for (int lid : lineIds.values()) registry.describeLine(lid, mid, weights.getOrDefault(lid, 0));

        List<AbstractInsnNode> returns = new ArrayList<>();
        for (AbstractInsnNode i : m.instructions) {
            if (i.getOpcode() >= Opcodes.IRETURN && i.getOpcode() <= Opcodes.RETURN) returns.add(i);
        }
        for (Map.Entry<AbstractInsnNode, Integer> e : lineAt.entrySet()) {
            m.instructions.insertBefore(e.getKey(), lineProbe(slot, e.getValue(), weights.getOrDefault(e.getValue(), 0) > 0));
        }
        for (AbstractInsnNode r : returns) m.instructions.insertBefore(r, exitProbe(slot, mid));

        LabelNode tryStart = new LabelNode();
        InsnList enter = new InsnList();
        push(enter, mid);
        enter.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RUNTIME, "enter", "(I)" + TRACE_DESC, false));
        enter.add(new VarInsnNode(Opcodes.ASTORE, slot));
        enter.add(tryStart);
        if (constructor) {
            // Before super() returns, 'this' may not be touched and no handler may cover the code; the local
            // holds null until then, so line probes there do nothing.
            InsnList init = new InsnList();
            init.add(new InsnNode(Opcodes.ACONST_NULL));
            init.add(new VarInsnNode(Opcodes.ASTORE, slot));
            m.instructions.insert(init);
            if (lineAtSuper >= 0) enter.add(lineProbe(slot, lineAtSuper, weights.getOrDefault(lineAtSuper, 0) > 0));
            m.instructions.insert(superCall, enter);
        } else {
            m.instructions.insert(enter);
        }

        LabelNode tryEnd = new LabelNode();
        LabelNode handler = new LabelNode();
        m.instructions.add(tryEnd);
        m.instructions.add(handler);
        if (frames) {
            Object[] locals = new Object[slot + 1];
            java.util.Arrays.fill(locals, Opcodes.TOP);
            locals[slot] = TRACE;
            m.instructions.add(new FrameNode(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"}));
        }
        m.instructions.add(exitProbe(slot, mid));
        m.instructions.add(new InsnNode(Opcodes.ATHROW));
        // Added last, so every handler of the method's own comes first.
        m.tryCatchBlocks.add(new TryCatchBlockNode(tryStart, tryEnd, handler, null));

        if (frames) {
            for (AbstractInsnNode i : m.instructions) {
                if (i instanceof FrameNode f && i != handler.getNext()) addLocal(f, slot);
            }
        }
        m.maxLocals = slot + 1;
        m.maxStack = Math.max(m.maxStack + 2, 3);
        return null;
    }

    /** Pads an expanded frame's locals to {@code slot} with TOP and declares the trace local there. */
    private static void addLocal(FrameNode f, int slot) {
        if (f.type != Opcodes.F_NEW) throw new IllegalStateException("frames are not expanded");
        List<Object> locals = f.local == null ? new ArrayList<>() : new ArrayList<>(f.local);
        int used = 0;
        for (Object o : locals) used += (o == Opcodes.LONG || o == Opcodes.DOUBLE) ? 2 : 1;
        if (used > slot) throw new IllegalStateException("frame declares more locals than max_locals");
        while (used < slot) {
            locals.add(Opcodes.TOP);
            used++;
        }
        locals.add(TRACE);
        f.local = locals;
    }

    /**
     * The invokespecial {@code <init>} that initialises 'this', found by asm-commons' own stack tracking through
     * the constructor, or {@code null} when it cannot be told or sits inside a try block.
     */
    private static AbstractInsnNode superCall(MethodNode m) {
        int[] seen = {0};
        int[] at = {-1};
        MethodVisitor finder = new AdviceAdapter(Opcodes.ASM9, null, m.access, m.name, m.desc) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                seen[0]++;
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            @Override
            protected void onMethodEnter() {
                if (at[0] < 0) at[0] = seen[0];
            }
        };
        try {
            m.accept(finder);
        } catch (RuntimeException e) {
            return null;
        }
        if (at[0] <= 0) return null;
        int n = 0;
        AbstractInsnNode found = null;
        for (AbstractInsnNode i : m.instructions) {
            if (i instanceof MethodInsnNode && ++n == at[0]) {
                found = i;
                break;
            }
        }
        if (!(found instanceof MethodInsnNode call) || call.getOpcode() != Opcodes.INVOKESPECIAL || !call.name.equals("<init>")) {
            return null;
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (covers(m, t, found)) return null;
        }
        return found;
    }

    private static boolean covers(MethodNode m, TryCatchBlockNode t, AbstractInsnNode insn) {
        int at = m.instructions.indexOf(insn);
        return m.instructions.indexOf(t.start) <= at && at < m.instructions.indexOf(t.end);
    }

    private static InsnList lineProbe(int slot, int lid, boolean straight) {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(Opcodes.ALOAD, slot));
        push(l, lid);
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RUNTIME, straight ? "straight" : "line", "(" + TRACE_DESC + "I)V", false));
        return l;
    }

    /**
     * Sizes the lines of {@code m} before probes are added: per line id, its instructions averaged over the places
     * it occurs, or 0 when the line is timed: some place of it calls, allocates, enters or leaves a monitor,
     * throws, touches a static field (which may initialise a class) or loads a class or method handle constant.
     */
    private static Map<Integer, Integer> weights(MethodNode m, Map<AbstractInsnNode, Integer> lineAt) {
        Map<Integer, int[]> seen = new HashMap<>(); // size, places, timed
        int[] current = null;
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
            Integer lid = lineAt.get(i);
            if (lid != null) {
                current = seen.computeIfAbsent(lid, k -> new int[3]);
                current[1]++;
            }
            if (i.getOpcode() < 0 || current == null) continue;
            current[0]++;
            if (timed(i)) current[2] = 1;
        }
        Map<Integer, Integer> out = new HashMap<>();
        seen.forEach((lid, f) -> out.put(lid, f[2] != 0 ? 0 : Math.max(1, (f[0] + f[1] - 1) / f[1])));
        return out;
    }

    /** Whether an instruction may take long or block, so the line holding it needs clock reads of its own. */
    private static boolean timed(AbstractInsnNode i) {
        return switch (i.getOpcode()) {
            case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL, Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE,
                    Opcodes.INVOKEDYNAMIC, Opcodes.NEW, Opcodes.NEWARRAY, Opcodes.ANEWARRAY, Opcodes.MULTIANEWARRAY,
                    Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.ATHROW, Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> true;
            case Opcodes.LDC -> !(((LdcInsnNode) i).cst instanceof Number || ((LdcInsnNode) i).cst instanceof String);
            default -> false;
        };
    }

    private static InsnList exitProbe(int slot, int mid) {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(Opcodes.ALOAD, slot));
        push(l, mid);
        l.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RUNTIME, "exit", "(" + TRACE_DESC + "I)V", false));
        return l;
    }

    private static void push(InsnList l, int v) {
        if (v >= -1 && v <= 5) l.add(new InsnNode(Opcodes.ICONST_0 + v));
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) l.add(new IntInsnNode(Opcodes.BIPUSH, v));
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) l.add(new IntInsnNode(Opcodes.SIPUSH, v));
        else l.add(new LdcInsnNode(v));
    }
}
