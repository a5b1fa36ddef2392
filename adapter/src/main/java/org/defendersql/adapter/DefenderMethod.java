package org.defendersql.adapter;

import java.lang.reflect.Method;
import org.apache.calcite.linq4j.tree.Types;
import org.defendersql.adapter.odata.DefenderRequest;

/** The methods that generated code calls to run a Defender scan. */
enum DefenderMethod {
  TABLE_QUERY(DefenderTable.class, "query", DefenderRequest.class);

  final Method method;

  DefenderMethod(Class<?> clazz, String methodName, Class<?>... argumentTypes) {
    this.method = Types.lookupMethod(clazz, methodName, argumentTypes);
  }
}
