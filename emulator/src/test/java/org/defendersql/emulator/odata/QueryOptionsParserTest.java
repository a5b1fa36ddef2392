package org.defendersql.emulator.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/** Query options: decoding, validation and the service's error messages. */
class QueryOptionsParserTest {

  private static QueryOptions alerts(String rawQuery) {
    return QueryOptionsParser.parse(rawQuery, DefenderModel.ALERTS, false);
  }

  private static String rejected(String rawQuery) {
    final ODataException e = assertThrows(ODataException.class, () -> alerts(rawQuery));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test void decodesAfterSplittingSoEncodedAmpersandsSurvive() {
    final QueryOptions q = alerts("%24filter=assignedTo+eq+%27a%26b%3Dc%2B%23%27&$top=5&custom=1");
    assertEquals("a&b=c+#", ((FilterExpr.Compare) q.filter()).value());
    assertEquals(5, q.top());
  }

  @Test void absentOptions() {
    final QueryOptions q = alerts(null);
    assertNull(q.filter());
    assertNull(q.top());
    assertEquals(0, q.skip());
    assertNull(q.select());
    assertTrue(q.orderBy().isEmpty());
    assertFalse(q.expand());
  }

  @Test void topLimits() {
    assertEquals(10_000, alerts("$top=10000").top());
    assertEquals(0, alerts("$top=0").top());
    assertEquals("The limit of '10000' for Top query has been exceeded. The value from the incoming request is "
        + "'10001'.", rejected("$top=10001"));
    assertTrue(rejected("$top=-1").contains("requires a non-negative integer"));
    assertTrue(rejected("$top=abc").contains("Invalid value 'abc' for $top"));
    assertTrue(rejected("$skip=1.5").contains("$skip"));
  }

  @Test void unknownAndRepeatedOptions() {
    assertEquals("The query parameter '$count' is not supported.", rejected("$count=true"));
    assertTrue(rejected("$search=x").contains("'$search' is not supported"));
    assertTrue(rejected("$top=1&$top=2").contains("more than once"));
    assertTrue(rejected("$filter=").contains("must not be empty"));
  }

  @Test void selectTopLevelPropertiesIgnoringCase() {
    assertEquals(List.of("id", "title", "relatedUser"), List.copyOf(alerts("$select=ID,title,relatedUser").select()));
    assertTrue(rejected("$select=foo").contains("Could not find a property named 'foo'"));
    assertTrue(rejected("$select=relatedUser/userName").contains("only top-level"));
    assertTrue(rejected("$select=id,,title").contains("empty item"));
  }

  @Test void orderBy() {
    final QueryOptions q = alerts("$orderby=severity%20desc,alertCreationTime");
    assertEquals(2, q.orderBy().size());
    assertTrue(q.orderBy().get(0).descending());
    assertEquals("alertCreationTime", q.orderBy().get(1).column().jsonName());
    assertFalse(q.orderBy().get(1).descending());
    assertTrue(rejected("$orderby=evidence").contains("primitive"));
    assertTrue(rejected("$orderby=relatedUser").contains("primitive"));
    assertTrue(rejected("$orderby=id,id").contains("Duplicate"));
    assertTrue(rejected("$orderby=id%20up").contains("Syntax error"));
    assertTrue(rejected("$orderby=nope").contains("Could not find"));
  }

  @Test void expandOnlyEvidenceOnAlerts() {
    assertTrue(alerts("$expand=evidence").expand());
    assertTrue(alerts("$expand=Evidence").expand());
    assertTrue(rejected("$expand=title").contains("not a navigation property"));
    assertTrue(rejected("$expand=machine").contains("Could not find"));
    assertTrue(rejected("$expand=evidence($top=1)").contains("not supported"));
    final ODataException e = assertThrows(ODataException.class,
        () -> QueryOptionsParser.parse("$expand=evidence", DefenderModel.MACHINES, false));
    assertTrue(e.getMessage().contains("microsoft.windowsDefenderATP.api.Machine"));
  }

  @Test void singleEntityTakesOnlySelectAndExpand() {
    final QueryOptions q = QueryOptionsParser.parse("$select=id&$expand=evidence", DefenderModel.ALERTS, true);
    assertEquals(Set.of("id"), q.select());
    final ODataException e = assertThrows(ODataException.class,
        () -> QueryOptionsParser.parse("$top=1", DefenderModel.ALERTS, true));
    assertTrue(e.getMessage().contains("not a collection"));
  }

  @Test void badPercentEncodingIsABadRequest() {
    final ODataException e = assertThrows(ODataException.class, () -> alerts("$filter=%zz"));
    assertEquals("BadRequest", e.code());
  }
}
