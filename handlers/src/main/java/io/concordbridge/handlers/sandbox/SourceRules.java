package io.concordbridge.handlers.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.Set;

/**
 * The rules a handler's source must keep, checked right after parsing, before any annotation-driven
 * transform could run code at compile time: no annotations (so no {@code @Grab}, no
 * {@code @CompileDynamic} to leave the static checks, no {@code @ASTTest}), no package, no classes
 * of its own, imports only of {@code java.time}, no method pointers or {@code .@} field access, no
 * {@code .class}/{@code .metaClass}, and no catching of Exception, Throwable or InterruptedException
 * (a handler must stay interruptible). Stateless.
 */
final class SourceRules extends CompilationCustomizer {

    private static final Set<String> DOORS = Set.of("class", "metaClass", "properties", "classLoader");
    private static final Set<String> UNCATCHABLE = Set.of("Exception", "Throwable", "Error", "InterruptedException",
            "java.lang.Exception", "java.lang.Throwable", "java.lang.Error", "java.lang.InterruptedException",
            "Object", "java.lang.Object");

    SourceRules() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (classNode != module.getClasses().get(0)) {
            return; // the module was checked with its first class
        }
        if (module.getPackage() != null) {
            fail(source, "a handler has no package declaration", module.getPackage());
        }
        for (ImportNode i : module.getImports()) {
            if (!i.getClassName().startsWith("java.time.")) {
                fail(source, "import " + i.getClassName() + " is not allowed in a handler (only java.time)", i);
            }
        }
        module.getStarImports().stream().filter(i -> !i.getPackageName().startsWith("java.time."))
                .forEach(i -> fail(source, "import " + i.getPackageName() + "* is not allowed in a handler (only java.time)", i));
        module.getStaticImports().values().forEach(i -> fail(source, "static imports are not allowed in a handler", i));
        module.getStaticStarImports().values().forEach(i -> fail(source, "static imports are not allowed in a handler", i));
        for (ClassNode c : module.getClasses()) {
            if (!c.isScript()) {
                fail(source, "a handler declares no classes (" + c.getNameWithoutPackage() + "); write methods instead", c);
            }
            new Visitor(source).visitClass(c);
        }
    }

    private static void fail(SourceUnit source, String message, ASTNode node) {
        source.getErrorCollector().addErrorAndContinue(new SyntaxException(message, node.getLineNumber(),
                node.getColumnNumber(), node.getLastLineNumber(), node.getLastColumnNumber()), source);
    }

    private static final class Visitor extends ClassCodeVisitorSupport {

        private final SourceUnit source;

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            for (AnnotationNode a : node.getAnnotations()) {
                if (a.getLineNumber() < 1) {
                    continue; // added by the compiler configuration (the script base class), not written in the file
                }
                String name = a.getClassNode().getNameWithoutPackage();
                fail(source, name.startsWith("Grab") ? "@" + name + " is not allowed: a handler cannot load libraries"
                        : "annotations are not allowed in a handler (@" + name + ")", a);
            }
            super.visitAnnotations(node);
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression expression) {
            visitAnnotations(expression);
            super.visitDeclarationExpression(expression);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            if (DOORS.contains(expression.getPropertyAsString())) {
                fail(source, "." + expression.getPropertyAsString() + " is not allowed in a handler: no reflection", expression);
            }
            super.visitPropertyExpression(expression);
        }

        @Override
        public void visitAttributeExpression(AttributeExpression expression) {
            fail(source, "field access with .@ is not allowed in a handler", expression);
            super.visitAttributeExpression(expression);
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression expression) {
            fail(source, "method pointers (.& and ::) are not allowed in a handler", expression);
            super.visitMethodPointerExpression(expression);
        }

        @Override
        public void visitCatchStatement(CatchStatement statement) {
            String type = statement.getExceptionType().getName();
            if (UNCATCHABLE.contains(type) || statement.getVariable().isDynamicTyped()) {
                fail(source, "catch a specific exception (such as NumberFormatException), not " + (UNCATCHABLE.contains(type)
                        ? type : "everything") + ": a handler must stay interruptible", statement);
            }
            super.visitCatchStatement(statement);
        }
    }
}
