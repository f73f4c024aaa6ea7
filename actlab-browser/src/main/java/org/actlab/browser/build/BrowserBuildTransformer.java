package org.actlab.browser.build;

import java.util.Map;
import org.teavm.model.BasicBlock;
import org.teavm.model.ClassHolder;
import org.teavm.model.ClassHolderTransformer;
import org.teavm.model.ClassHolderTransformerContext;
import org.teavm.model.MethodDescriptor;
import org.teavm.model.Instruction;
import org.teavm.model.MethodHolder;
import org.teavm.model.MethodReference;
import org.teavm.model.Program;
import org.teavm.model.ValueType;
import org.teavm.model.emit.ProgramEmitter;
import org.teavm.model.instructions.InvokeInstruction;

/**
 * Rewrites, in the WebAssembly build only, the few methods on the playground's path that reach JVM-only
 * machinery; the JVM build is untouched. Each rewrite keeps what the browser needs:
 * <ul>
 * <li>Jackson's {@code JsonNode.toString()} and the numeric nodes' {@code asText()} go through an
 *     {@code ObjectMapper} or a number writer that do not compile; {@code BrowserJsonText} writes the
 *     same compact text for the error messages that quote a bad value.</li>
 * <li>{@code MemoryBudget.require} asks the JVM for its heap size; the browser has no such figure, and the
 *     playground's {@code Limits} keep every run to a few megabytes.</li>
 * <li>{@code Mnist.read} reads files; the playground has only generated data and uploaded rows.</li>
 * <li>{@code AtomicFile}'s static initialiser (process id, shutdown hook) serves file writing; the browser
 *     only reaches its {@code describe(IOException)}, for the CSV reader's messages.</li>
 * <li>TeaVM's {@code String.format} has no {@code %g} or {@code %e}, which the advice and divergence messages
 *     use: every call of {@code String.format} in actlab's classes goes to {@code BrowserFormat} instead.</li>
 * <li>{@code FloatFma.fma}, the scalar GEMM's inner operation, reads the route chosen in {@code FloatFma}'s
 *     static initialiser, and in WebAssembly every call of a static method of a class with an initialiser
 *     first calls its initialisation check, indirectly. The browser's route is always {@code EmulatedFma}
 *     (TeaVM has no {@code Math.fma}), a class with no initialiser, so actlab's calls go to it directly.</li>
 * </ul>
 * A method that is gone (because the class no longer needs the rewrite) is skipped.
 */
public final class BrowserBuildTransformer implements ClassHolderTransformer {

    private static final String NODES = "com.fasterxml.jackson.databind.node.";
    private static final String TEXT = "org.actlab.web.BrowserJsonText";
    private static final ValueType JSON_NODE = ValueType.object("com.fasterxml.jackson.databind.JsonNode");
    private static final ValueType STRING = ValueType.object("java.lang.String");

    /** TeaVM's {@code String.format} knows no {@code %g} or {@code %e}; actlab's calls go to {@code BrowserFormat}. */
    private static final String FORMAT = "org.actlab.web.BrowserFormat";
    private static final String FMA = "org.actlab.kernel.FloatFma";
    private static final String EMULATED_FMA = "org.actlab.kernel.EmulatedFma";

    /** Static methods whose calls in actlab's classes go to a method of the same name and descriptor elsewhere. */
    private static final Map<String, String> REDIRECTS = Map.of("java.lang.String.format", FORMAT, FMA + ".fma", EMULATED_FMA);

    @Override
    public void transformClass(ClassHolder cls, ClassHolderTransformerContext context) {
        String name = cls.getName();
        if (name.startsWith("org.actlab.") && !name.equals(FORMAT) && !name.equals(FMA)) {
            redirect(cls);
        }
        if (name.equals(NODES + "BaseJsonNode")) {
            replace(cls, context, new MethodDescriptor("toString", String.class), "of");
        } else if (name.startsWith(NODES) && name.endsWith("Node")) {
            replace(cls, context, new MethodDescriptor("asText", String.class), "number", NODES + "NumericNode");
        } else if (name.equals("org.actlab.data.MemoryBudget")) {
            MethodHolder method = cls.getMethod(new MethodDescriptor("require", long.class, String.class, void.class));
            if (method != null) {
                ProgramEmitter.create(method, context.getHierarchy()).exit();
            }
        } else if (name.equals("org.actlab.data.AtomicFile")) {
            // Its static initialiser asks for the process id and installs a shutdown hook, for writing
            // files; the browser only reaches describe(IOException), which needs neither.
            MethodHolder init = cls.getMethod(new MethodDescriptor("<clinit>", void.class));
            if (init != null) {
                ProgramEmitter.create(init, context.getHierarchy()).exit();
            }
        } else if (name.equals("org.actlab.data.Mnist")) {
            for (MethodHolder method : cls.getMethods()) {
                if (method.getName().equals("read") && method.getProgram() != null) {
                    ProgramEmitter pe = ProgramEmitter.create(method, context.getHierarchy());
                    pe.construct(IllegalArgumentException.class, pe.constant("MNIST files need the actlab server")).raise();
                }
            }
        }
    }

    private static void redirect(ClassHolder cls) {
        for (MethodHolder method : cls.getMethods()) {
            Program program = method.getProgram();
            if (program == null) {
                continue;
            }
            for (BasicBlock block : program.getBasicBlocks()) {
                for (Instruction instruction : block) {
                    if (instruction instanceof InvokeInstruction invoke) {
                        MethodReference called = invoke.getMethod();
                        String target = REDIRECTS.get(called.getClassName() + "." + called.getName());
                        if (target != null) {
                            invoke.setMethod(new MethodReference(target, called.getDescriptor()));
                        }
                    }
                }
            }
        }
    }

    private static void replace(ClassHolder cls, ClassHolderTransformerContext context, MethodDescriptor descriptor,
                                String helper) {
        MethodHolder method = cls.getMethod(descriptor);
        if (method == null || method.getProgram() == null) {
            return;
        }
        ProgramEmitter pe = ProgramEmitter.create(method, context.getHierarchy());
        pe.invoke(TEXT, helper, STRING, pe.var(0, JSON_NODE)).returnValue();
    }

    /** As {@link #replace(ClassHolder, ClassHolderTransformerContext, MethodDescriptor, String)}, only for subclasses of {@code base}. */
    private static void replace(ClassHolder cls, ClassHolderTransformerContext context, MethodDescriptor descriptor,
                                String helper, String base) {
        if (context.getHierarchy().isSuperType(base, cls.getName(), false)) {
            replace(cls, context, descriptor, helper);
        }
    }
}
