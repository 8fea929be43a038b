package io.concordbridge.handlers.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

/**
 * The allow-list as a static type-checking extension: the type checker resolves every call of a
 * handler (it compiles statically, so nothing is left to run-time dispatch) and this extension
 * refuses each resolved method, constructor or extension method that {@link AllowList} does not
 * admit, as a compile error at the call's line and column. Loaded by Groovy by class name, one
 * instance per compilation.
 */
public final class SandboxExtension extends TypeCheckingExtension {

    public SandboxExtension(StaticTypeCheckingVisitor visitor) {
        super(visitor);
    }

    @Override
    public void onMethodSelection(Expression call, MethodNode node) {
        String refusal = refusal(node);
        if (refusal != null && !generatedMain(call)) {
            refuse(refusal, call);
        }
    }

    @Override
    public void afterVisitMethod(MethodNode node) {
        if (node.getCode() != null) {
            node.getCode().visit(new AccessAudit(this::getType, this::refuse));
        }
    }

    /**
     * Reports a refusal at the node, or, for code the compiler generated from the handler's (which has no
     * position, and whose errors the type checker would drop), at the enclosing method.
     */
    private void refuse(String message, ASTNode node) {
        if (node.getLineNumber() > 0) {
            addStaticTypeError(message, node);
            return;
        }
        MethodNode method = typeCheckingVisitor.getTypeCheckingContext().getEnclosingMethod();
        ASTNode at = method != null && method.getLineNumber() > 0 ? method : null;
        SourceUnit source = typeCheckingVisitor.getTypeCheckingContext().getSource();
        source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(new SyntaxException(message,
                at == null ? 1 : at.getLineNumber(), at == null ? 1 : at.getColumnNumber()), source));
    }

    /** The {@code main(String[])} Groovy adds to every script, which runs it from a command line: never called. */
    private boolean generatedMain(ASTNode call) {
        MethodNode method = typeCheckingVisitor.getTypeCheckingContext().getEnclosingMethod();
        return call.getLineNumber() < 1 && method != null && method.getLineNumber() < 1 && method.isStatic()
                && method.getName().equals("main");
    }

    /** Why a handler may not call {@code node}, or null when it may. */
    static String refusal(MethodNode node) {
        if (node instanceof ExtensionMethodNode ext) {
            MethodNode real = ext.getExtensionMethodNode();
            String owner = real.getDeclaringClass().getName();
            String self = real.getParameters().length == 0 ? "" : real.getParameters()[0].getType().getName();
            return AllowList.extension(owner, real.getName(), self) ? null
                    : refused(describe(node.getDeclaringClass(), node), owner);
        }
        ClassNode declaring = node.getDeclaringClass();
        if (declaring.isPrimaryClassNode()) {
            return null;
        }
        String name = node instanceof ConstructorNode ? "<init>" : node.getName();
        return AllowList.method(declaring.getName(), name) ? null : refused(describe(declaring, node), declaring.getName());
    }

    private static String describe(ClassNode owner, MethodNode node) {
        return node instanceof ConstructorNode ? "new " + owner.getNameWithoutPackage() + "(...)"
                : owner.getNameWithoutPackage() + "." + node.getName() + "(...)";
    }

    private static String refused(String what, String owner) {
        String why = Refusals.why(owner);
        return what + " is not allowed in a handler" + (why == null ? " (not on the sandbox's allow-list)" : ": " + why);
    }
}
