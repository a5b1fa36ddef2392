package org.defendersql.model;

/** The OData (EDM) type of a Defender property, which fixes both its JSON form and its SQL type. */
public enum EdmType {
  STRING(SqlType.VARCHAR),
  /** A member of an EDM enum type, serialized as its member name and compared case-insensitively. */
  ENUM(SqlType.VARCHAR),
  /** An {@code Edm.Guid}: a string in JSON, an unquoted literal in {@code $filter}. */
  GUID(SqlType.VARCHAR),
  INT32(SqlType.INTEGER),
  INT64(SqlType.BIGINT),
  DOUBLE(SqlType.DOUBLE),
  BOOLEAN(SqlType.BOOLEAN),
  /** An {@code Edm.DateTimeOffset}, always UTC in this API. */
  DATE_TIME_OFFSET(SqlType.TIMESTAMP),
  /** {@code Collection(Edm.String)}. */
  STRING_COLLECTION(SqlType.VARCHAR_ARRAY),
  /** A collection of complex objects, kept whole as JSON text. */
  COMPLEX_COLLECTION(SqlType.JSON);

  private final SqlType sqlType;

  EdmType(SqlType sqlType) {
    this.sqlType = sqlType;
  }

  /** The SQL type a column of this EDM type has. */
  public SqlType sqlType() {
    return sqlType;
  }
}
