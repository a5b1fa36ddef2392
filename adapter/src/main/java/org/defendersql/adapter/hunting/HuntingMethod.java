package org.defendersql.adapter.hunting;

import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.Types;
import org.defendersql.adapter.kql.KqlQuery;

/** The methods that generated code calls to run a hunting scan. */
enum HuntingMethod {
  TABLE_QUERY(HuntingSqlTable.class, "query", KqlQuery.class, Function1.class, DataContext.class);

  final Method method;

  HuntingMethod(Class<?> clazz, String methodName, Class<?>... argumentTypes) {
    this.method = Types.lookupMethod(clazz, methodName, argumentTypes);
  }
}
