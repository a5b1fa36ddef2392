package org.defendersql.adapter.kql;

import java.util.Objects;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.KqlType;

/**
 * A column of a hunting answer as the adapter expects it: its name in the answer, the KQL type whose Java value
 * the SQL column holds, whether SQL may see it null, and whether the answer's {@code schema} must give exactly
 * this type (a table's own columns, checked against the model) or may give another numeric type that converts (a
 * computed column such as {@code count()}, whose type the service chooses).
 *
 * @param name     the column's name in the answer (a table column's, or an alias such as {@code a0})
 * @param type     the type of the SQL value (an {@code INTEGER} column holds {@code int}s whatever the answer says)
 * @param nullable whether the SQL column may be null
 * @param checked  whether a different type in the answer's schema is an error
 */
public record KqlColumn(String name, KqlType type, boolean nullable, boolean checked) {
  public KqlColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** A hunting table's column, checked against the model. */
  public static KqlColumn of(HuntingColumn c, boolean nullable) {
    return new KqlColumn(c.name(), c.type(), nullable, true);
  }

  /** Whether SQL sees it as a string ({@code VARCHAR}): KQL strings are never null, SQL reads an empty one as NULL. */
  public boolean isText() {
    return type == KqlType.STRING || type == KqlType.DYNAMIC || type == KqlType.GUID || type == KqlType.TIMESPAN;
  }
}
