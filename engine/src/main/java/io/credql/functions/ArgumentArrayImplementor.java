package io.credql.functions;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.adapter.enumerable.NotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rex.RexCall;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Generates the call of a SQLite function's Java method: every argument boxed into one
 * {@code Object[]} (SQLite converts arguments itself).
 */
final class ArgumentArrayImplementor implements NotNullImplementor {
  /** Maps SQL types to the Java classes of generated code (the translator's own is not public). */
  private static final JavaTypeFactory JAVA_TYPES = new JavaTypeFactoryImpl();

  private final Method method;

  ArgumentArrayImplementor(Method method) {
    this.method = requireNonNull(method, "method");
  }

  @Override public Expression implement(RexToLixTranslator translator, RexCall call,
      List<Expression> translatedOperands) {
    final List<Expression> arguments = new ArrayList<>();
    for (int i = 0; i < translatedOperands.size(); i++) {
      final Expression operand = translatedOperands.get(i);
      // boxed, not cast: Janino reads "(Object) -3" as a subtraction
      final Expression argument = Primitive.is(operand.getType()) ? Expressions.box(operand) : operand;
      arguments.add(argument);
    }
    final Expression result =
        Expressions.call(method, Expressions.newArrayInit(Object.class, arguments));
    final Type javaType = JAVA_TYPES.getJavaClass(call.getType());
    // a cast, not EnumUtils.convert: that would call the method twice to test for null
    return javaType == Object.class ? result : Expressions.convert_(result, javaType);
  }
}
