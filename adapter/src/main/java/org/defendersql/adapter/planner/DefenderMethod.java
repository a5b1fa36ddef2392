package org.defendersql.adapter.planner;

import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.Types;
import org.defendersql.adapter.DefenderTable;
import org.defendersql.adapter.odata.DefenderRequest;

/** The methods that generated code calls to run a Defender scan. */
enum DefenderMethod {
  TABLE_QUERY(DefenderTable.class, "query", DefenderRequest.class, Function1.class, DataContext.class);

  final Method method;

  DefenderMethod(Class<?> clazz, String methodName, Class<?>... argumentTypes) {
    this.method = Types.lookupMethod(clazz, methodName, argumentTypes);
  }
}
