package io.concordbridge.handlers.sandbox;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.syntax.Types;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The accesses the type checker does not report as a method selection: properties ({@code x.text})
 * and subscripts ({@code x['name']}), which Groovy may turn into a property read of any object at run
 * time. Run over a method after it was type checked: a property or subscript is allowed only on the
 * handler's own script, the handler API, maps, lists, arrays, text, numbers, dates (and static fields of
 * those classes); a list, array or text is indexed only by position (a name would read that property of
 * every element). Not thread-safe: one instance per method.
 */
final class AccessAudit extends CodeVisitorSupport {

    private static final ClassNode COLLECTION = ClassHelper.make(java.util.Collection.class);

    private final Function<Expression, ClassNode> types;
    private final BiConsumer<String, Expression> refuse;

    AccessAudit(Function<Expression, ClassNode> types, BiConsumer<String, Expression> refuse) {
        this.types = types;
        this.refuse = refuse;
    }

    @Override
    public void visitPropertyExpression(PropertyExpression e) {
        Expression receiver = e.getObjectExpression();
        ClassNode type = receiver instanceof ClassExpression c ? c.getType() : types.apply(receiver);
        if (!readable(type)) {
            refuse.accept("reading ." + e.getPropertyAsString() + " of " + type.getNameWithoutPackage()
                    + " is not allowed in a handler" + because(type), e);
        }
        super.visitPropertyExpression(e);
    }

    @Override
    public void visitBinaryExpression(BinaryExpression e) {
        if (e.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
            ClassNode type = types.apply(e.getLeftExpression());
            ClassNode index = types.apply(e.getRightExpression());
            boolean byName = ClassHelper.STRING_TYPE.equals(index) || ClassHelper.GSTRING_TYPE.equals(index)
                    || ClassHelper.OBJECT_TYPE.equals(index);
            if (!readable(type) || byName && !keyed(type)) {
                refuse.accept("indexing " + type.getNameWithoutPackage() + (byName ? " by name" : "")
                        + " is not allowed in a handler" + because(type), e);
            }
        }
        super.visitBinaryExpression(e);
    }

    private static String because(ClassNode type) {
        String why = Refusals.why(type.getName());
        return why == null ? " (only of maps, lists, text, numbers, dates and the handler API)" : ": " + why;
    }

    /** Maps, the handler API and the script itself take a name. */
    private static boolean keyed(ClassNode type) {
        return type.isPrimaryClassNode() || type.getName().startsWith(AllowList.API_PACKAGE)
                || type.implementsInterface(ClassHelper.MAP_TYPE) || type.equals(ClassHelper.MAP_TYPE);
    }

    private static boolean readable(ClassNode type) {
        if (type.isArray()) {
            return readable(type.getComponentType()) || type.getComponentType().equals(ClassHelper.OBJECT_TYPE);
        }
        if (keyed(type) || ClassHelper.isPrimitiveType(type) || type.implementsInterface(COLLECTION)) {
            return true;
        }
        for (ClassNode c = type; c != null; c = c.getSuperClass()) {
            if (AllowList.wholeClass(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
