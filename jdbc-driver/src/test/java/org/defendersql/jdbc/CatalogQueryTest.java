package org.defendersql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The SQL the driver sends for a metadata call; its answers are tested against a server in client-tests. */
class CatalogQueryTest {
  @Test void nullDoesNotNarrowEmptyMeansNoneAndValuesAreParameters() {
    assertEquals("SELECT * FROM \"defender_catalog\".\"primary_keys\" WHERE \"TABLE_CAT\" IS NULL AND"
            + " \"TABLE_NAME\" = ? ORDER BY \"COLUMN_NAME\"",
        CatalogQuery.of("primary_keys").named("TABLE_CAT", "").named("TABLE_SCHEM", null)
            .named("TABLE_NAME", "alerts'; drop").sql("COLUMN_NAME"));
  }

  @Test void patternsUseLikeWithTheSearchStringEscape() {
    assertEquals("SELECT * FROM \"defender_catalog\".\"functions\" WHERE \"FUNCTION_NAME\" LIKE ? ESCAPE '\\'",
        CatalogQuery.of("functions").matching("FUNCTION_SCHEM", null).matching("FUNCTION_NAME", "JSON\\_%").sql());
  }

  @Test void uniqueOnlyAddsAConditionWhenAsked() {
    assertEquals("SELECT * FROM \"defender_catalog\".\"index_info\" WHERE \"NON_UNIQUE\" = FALSE",
        CatalogQuery.of("index_info").falseWhen(true, "NON_UNIQUE").sql());
    assertEquals("SELECT * FROM \"defender_catalog\".\"index_info\"",
        CatalogQuery.of("index_info").falseWhen(false, "NON_UNIQUE").sql());
  }

  @Test void theDriverNamesDefenderSqlAndItsOwnVersion() {
    final org.apache.calcite.avatica.DriverVersion v = new Driver().getDriverVersion();
    assertEquals("defender-sql", v.productName);
    assertEquals("defender-sql JDBC driver", v.name);
    assertEquals(v.versionString, v.productVersion);
    assertEquals(true, v.versionString.matches("\\d+\\.\\d+\\..*"), "the project version: " + v.versionString);
    assertEquals(DriverInfo.part(v.versionString, 0), v.majorVersion);
    assertEquals(1, DriverInfo.part("0.1.0-SNAPSHOT", 1));
    assertEquals(0, DriverInfo.part("unknown", 1));
  }
}
