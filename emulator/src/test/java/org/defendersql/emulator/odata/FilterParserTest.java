package org.defendersql.emulator.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.emulator.odata.FilterExpr.And;
import org.defendersql.emulator.odata.FilterExpr.Compare;
import org.defendersql.emulator.odata.FilterExpr.Comparison;
import org.defendersql.emulator.odata.FilterExpr.Or;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code $filter} parser and evaluator, on hand-made rows, against the model's rules. */
class FilterParserTest {
  private static final Entity ALERTS = DefenderModel.ALERTS;
  private static final Entity MACHINES = DefenderModel.MACHINES;
  private static final RowShape ALERT = new RowShape(ALERTS);
  private static final RowShape MACHINE = new RowShape(MACHINES);

  private static Object[] alert(Object... pathValues) {
    final Object[] row = ALERT.newRow();
    for (int i = 0; i < pathValues.length; i += 2) {
      row[ALERT.index((String) pathValues[i])] = pathValues[i + 1];
    }
    return row;
  }

  private static Object[] machine(Object... pathValues) {
    final Object[] row = MACHINE.newRow();
    for (int i = 0; i < pathValues.length; i += 2) {
      row[MACHINE.index((String) pathValues[i])] = pathValues[i + 1];
    }
    return row;
  }

  private static boolean alertMatches(String filter, Object[] row) {
    return FilterEvaluator.test(FilterParser.parse(filter, ALERTS), row);
  }

  private static boolean machineMatches(String filter, Object[] row) {
    return FilterEvaluator.test(FilterParser.parse(filter, MACHINES), row);
  }

  private static String rejected(String filter, Entity entity) {
    final ODataException e = assertThrows(ODataException.class, () -> FilterParser.parse(filter, entity), filter);
    assertEquals(400, e.status());
    assertEquals("ODataError", e.code());
    return e.getMessage();
  }

  @Test void andBindsTighterThanOr() {
    final FilterExpr e = FilterParser.parse("status eq 'New' or status eq 'Resolved' and severity eq 'High'", ALERTS);
    final Or or = assertInstanceOf(Or.class, e);
    assertInstanceOf(Compare.class, or.left());
    assertInstanceOf(And.class, or.right());
    final Object[] newLow = alert("status", "New", "severity", "Low");
    assertTrue(alertMatches("status eq 'New' or status eq 'Resolved' and severity eq 'High'", newLow));
    assertFalse(alertMatches("(status eq 'New' or status eq 'Resolved') and severity eq 'High'", newLow));
  }

  @Test void notAppliesToAPrimaryAsInAspNetOData() {
    assertTrue(rejected("not status eq 'New'", ALERTS).contains("unary operator"));
    final Object[] row = alert("status", "Resolved");
    assertTrue(alertMatches("not (status eq 'New')", row));
    assertFalse(alertMatches("not(status eq 'Resolved')", row));
    assertTrue(alertMatches("not not (status eq 'Resolved')", row));
  }

  @Test void quotesAreEscapedByDoubling() {
    final Compare c = (Compare) FilterParser.parse("assignedTo eq 'O''Brien'''", ALERTS);
    assertEquals("O'Brien'", c.value());
    assertEquals("", ((Compare) FilterParser.parse("assignedTo eq ''", ALERTS)).value());
    assertEquals("'", ((Compare) FilterParser.parse("assignedTo eq ''''", ALERTS)).value());
    assertTrue(alertMatches("assignedTo eq 'O''Brien'", alert("assignedTo", "O'Brien")));
  }

  @Test void stringLiteralsKeepUnicodeAndUrlSpecialCharactersExactly() {
    for (String s : List.of("Łukasz 日本語 😀", "100% & more #1 + 2 = 3?", "a/b\\c", "tab\there", "  spaced  ",
        "eq and or not", "()),:")) {
      final String literal = "'" + s.replace("'", "''") + "'";
      assertEquals(s, ((Compare) FilterParser.parse("assignedTo eq " + literal, ALERTS)).value());
    }
  }

  @Test void randomStringsRoundTripThroughQuoting() {
    final Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      final StringBuilder b = new StringBuilder();
      final int length = random.nextInt(20);
      for (int i = 0; i < length; i++) {
        final int kind = random.nextInt(4);
        if (kind == 0) {
          b.append("'%&#+= ()".charAt(random.nextInt(9)));
        } else if (kind == 1) {
          b.appendCodePoint(0x1F600 + random.nextInt(50));
        } else {
          int cp;
          do {
            cp = random.nextInt(0xFFFF);
          } while (Character.isSurrogate((char) cp));
          b.append((char) cp);
        }
      }
      final String s = b.toString();
      final Compare c = (Compare) FilterParser.parse("assignedTo eq '" + s.replace("'", "''") + "'", ALERTS);
      assertEquals(s, c.value());
    }
  }

  @ParameterizedTest
  @CsvSource({
      "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
      "2021-01-26T20:33:57.7220239Z, 2021-01-26T20:33:57.7220239Z",
      "2022-02-17T14:39:01.391001Z, 2022-02-17T14:39:01.391001Z",
      "2020-07-20T10:53:50.1Z, 2020-07-20T10:53:50.1Z",
      "2026-01-01T01:00:00+01:00, 2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00-05:30, 2026-01-01T05:30:00Z",
      "2026-01-01T10:15Z, 2026-01-01T10:15:00Z",
      "2018-08-01Z, 2018-08-01T00:00:00Z"})
  void dateTimeLiteralForms(String literal, String expected) {
    final Compare c = (Compare) FilterParser.parse("alertCreationTime gt " + literal, ALERTS);
    assertEquals(Instant.parse(expected), c.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-01-26T20:33:57.72202391Z", "2021-13-01T00:00:00Z", "2021-02-30T00:00:00Z",
      "2021-01-26T20:33:57", "2021-01-26"})
  void badDateTimesAreRejected(String literal) {
    rejected("alertCreationTime gt " + literal, ALERTS);
  }

  @Test void quotedDateTimeIsAStringAndIncompatible() {
    final String m = rejected("alertCreationTime gt '2021-01-01T00:00:00Z'", ALERTS);
    assertTrue(m.contains("'Edm.DateTimeOffset' and 'Edm.String'"), m);
    assertTrue(m.contains("GreaterThan"), m);
  }

  @Test void dateTimeComparisonsAtFullPrecision() {
    final Object[] row = alert("lastUpdateTime", Instant.parse("2020-06-30T15:29:44.7733333Z"));
    assertTrue(alertMatches("lastUpdateTime gt 2020-06-30T15:29:44.7733332Z", row));
    assertFalse(alertMatches("lastUpdateTime gt 2020-06-30T15:29:44.7733333Z", row));
    assertTrue(alertMatches("lastUpdateTime ge 2020-06-30T15:29:44.7733333Z", row));
    assertTrue(alertMatches("lastUpdateTime eq 2020-06-30T16:29:44.7733333+01:00", row));
  }

  @Test void propertyNamesAndEnumMembersIgnoreCase() {
    final Object[] row = alert("severity", "High", "status", "InProgress");
    assertTrue(alertMatches("SEVERITY eq 'high'", row));
    assertTrue(alertMatches("Severity eq 'HIGH' and STATUS ne 'inprogress' or status eq 'INPROGRESS'", row));
    assertEquals("High", ((Compare) FilterParser.parse("severity eq 'hIGH'", ALERTS)).value());
    assertTrue(machineMatches("onboardingstatus eq 'onboarded'", machine("onboardingStatus", "Onboarded")));
  }

  @Test void keywordsAreCaseSensitive() {
    rejected("status EQ 'New'", ALERTS);
    rejected("status eq 'New' AND severity eq 'High'", ALERTS);
    rejected("STARTSWITH(computerDnsName,'a')", MACHINES);
  }

  @Test void enumOrderingFollowsDeclarationOrder() {
    assertTrue(alertMatches("severity ge 'Medium'", alert("severity", "High")));
    assertTrue(alertMatches("severity ge 'medium'", alert("severity", "Medium")));
    assertFalse(alertMatches("severity ge 'Medium'", alert("severity", "Low")));
  }

  @Test void unknownEnumMember() {
    assertEquals("The string 'Foo' is not a valid enumeration type constant.",
        rejected("severity eq 'Foo'", ALERTS));
  }

  @Test void nonFilterableProperty() {
    assertEquals("The property 'title' cannot be used in the $filter query option.",
        rejected("title eq 'x'", ALERTS));
    assertEquals("The property 'machineId' cannot be used in the $filter query option.",
        rejected("machineid eq 'x'", ALERTS));
    assertTrue(rejected("relatedUser/userName eq 'x'", ALERTS).contains("'relatedUser' cannot be used"));
    assertTrue(rejected("rbacGroupName eq 'x'", MACHINES).contains("cannot be used"));
  }

  @Test void unknownProperty() {
    assertEquals("Could not find a property named 'foo' on type 'microsoft.windowsDefenderATP.api.Alert'.",
        rejected("foo eq 'x'", ALERTS));
    assertTrue(rejected("status eq New", ALERTS).contains("Could not find a property named 'New'"));
  }

  @Test void operatorsOnlyWhereTheModelAllowsThem() {
    assertTrue(rejected("machineTags eq 'x'", MACHINES).contains("'eq' is not allowed on the property "
        + "'machineTags'"));
    assertTrue(rejected("startswith(id,'da')", ALERTS).contains("'startswith' is not allowed"));
    assertTrue(rejected("contains(computerDnsName,'x')", MACHINES).contains("'contains' is not allowed"));
    assertTrue(rejected("endswith(computerDnsName,'x')", MACHINES).contains("'endswith' is not allowed"));
    assertTrue(rejected("tolower(computerDnsName) eq 'x'", MACHINES).contains("'tolower' is not allowed"));
    assertTrue(rejected("frobnicate(computerDnsName)", MACHINES).contains("unknown function"));
    assertTrue(rejected("status in ('New','Resolved')", ALERTS).contains("'in' is not supported"));
    assertTrue(rejected("incidentId add 1 eq 2", ALERTS).contains("'add' is not supported"));
  }

  @Test void startsWithIsOrdinal() {
    final Object[] row = machine("computerDnsName", "desktop-1a2b3c.contoso.com");
    assertTrue(machineMatches("startswith(computerDnsName,'desktop-1a')", row));
    assertFalse(machineMatches("startswith(computerDnsName,'DESKTOP')", row));
    assertTrue(machineMatches("startswith(computerDnsName,'desk') eq true", row));
    assertTrue(machineMatches("startswith(computerDnsName,'x') eq false", row));
    assertTrue(machineMatches("not startswith(computerDnsName,'x')", row));
    assertFalse(machineMatches("startswith(computerDnsName,'x')", machine()));
    rejected("startswith(computerDnsName,5)", MACHINES);
    rejected("startswith(computerDnsName)", MACHINES);
  }

  @Test void anyLambdaOnTags() {
    final Object[] tagged = machine("machineTags", List.of("VIP", "Finance"));
    final Object[] untagged = machine();
    assertTrue(machineMatches("machineTags/any(tag: tag eq 'VIP')", tagged));
    assertTrue(machineMatches("machineTags/any(t:t eq 'Finance' or t eq 'x')", tagged));
    assertFalse(machineMatches("machineTags/any(t: t eq 'vip')", tagged));
    assertFalse(machineMatches("machineTags/any(t: t eq 'VIP')", untagged));
    assertTrue(machineMatches("machineTags/any()", tagged));
    assertFalse(machineMatches("machineTags/any()", untagged));
    assertTrue(machineMatches("not machineTags/any()", untagged));
    assertTrue(rejected("machineTags/all(t: t eq 'VIP')", MACHINES).contains("'all' is not allowed"));
    assertTrue(rejected("osPlatform/any(t: t eq 'x')", MACHINES).contains("can only be applied to a collection"));
    rejected("machineTags/any(t: t eq 5)", MACHINES);
    rejected("machineTags/any(t: u eq 'x')", MACHINES);
  }

  @Test void guidsAreUnquotedAndIgnoreCase() {
    final Object[] row = machine("aadDeviceId", "6e2a5d6e-1c4a-4b3a-9d0e-8f7a6b5c4d3e");
    assertTrue(machineMatches("aadDeviceId eq 6E2A5D6E-1C4A-4B3A-9D0E-8F7A6B5C4D3E", row));
    assertTrue(rejected("aadDeviceId eq '6e2a5d6e-1c4a-4b3a-9d0e-8f7a6b5c4d3e'", MACHINES)
        .contains("'Edm.Guid' and 'Edm.String'"));
    assertTrue(machineMatches("aadDeviceId eq null", machine()));
  }

  @Test void numbers() {
    final Object[] row = alert("incidentId", 7587L);
    assertTrue(alertMatches("incidentId eq 7587", row));
    assertTrue(alertMatches("incidentId gt 7586.5", row));
    assertTrue(alertMatches("7588 gt incidentId", row));
    assertFalse(alertMatches("incidentId lt -1", row));
    assertTrue(machineMatches("rbacGroupId eq 140", machine("rbacGroupId", 140)));
    assertTrue(rejected("rbacGroupId eq '140'", MACHINES).contains("'Edm.Int32' and 'Edm.String'"));
    assertTrue(rejected("incidentId eq 12abc", ALERTS).contains("syntax error"));
  }

  @Test void literalOnTheLeftIsFlipped() {
    final Compare c = (Compare) FilterParser.parse("'New' eq status", ALERTS);
    assertEquals(Comparison.EQ, c.op());
    assertEquals(Comparison.GT, ((Compare) FilterParser.parse("5 lt incidentId", ALERTS)).op());
  }

  @Test void nullSemanticsAreDotNets() {
    final Object[] unassigned = alert();
    final Object[] assigned = alert("assignedTo", "secop@contoso.com");
    assertTrue(alertMatches("assignedTo eq null", unassigned));
    assertFalse(alertMatches("assignedTo eq null", assigned));
    assertTrue(alertMatches("assignedTo ne null", assigned));
    assertTrue(alertMatches("assignedTo ne 'x'", unassigned));
    assertFalse(alertMatches("assignedTo gt 'a'", unassigned));
    assertFalse(alertMatches("assignedTo lt 'a'", unassigned));
    assertFalse(alertMatches("incidentId ge 0", unassigned));
    assertFalse(alertMatches("assignedTo gt null", assigned));
    assertTrue(alertMatches("not (assignedTo eq 'x')", unassigned));
    assertTrue(alertMatches("severity ne null", alert("severity", "Low")));
  }

  @Test void stringOrderingIsOrdinal() {
    final Object[] lower = alert("assignedTo", "abc");
    assertTrue(alertMatches("assignedTo gt 'Z'", lower));
    assertFalse(alertMatches("assignedTo eq 'ABC'", lower));
    assertTrue(alertMatches("assignedTo lt 'abd'", lower));
  }

  @Test void booleanConstants() {
    assertTrue(alertMatches("true", alert()));
    assertFalse(alertMatches("false or false", alert()));
    assertTrue(alertMatches("(true)", alert()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "status eq|Syntax error at position 9 in 'status eq'.",
      "(status eq 'New'|Syntax error at position 16 in '(status eq 'New''.",
      "status eq 'New')|Syntax error at position 15 in 'status eq 'New')'.",
      "status eq 'New' and|Syntax error at position 19 in 'status eq 'New' and'.",
      "status eq 'New' status eq 'New'|Syntax error at position 16 in 'status eq 'New' status eq 'New''.",
      "status eq 'New|There is an unterminated string literal at position 10 in 'status eq 'New'."})
  void syntaxErrorsNamePosition(String filter, String message) {
    assertEquals(message, rejected(filter, ALERTS));
  }

  @Test void otherMalformedExpressions() {
    rejected("", ALERTS);
    rejected("   ", ALERTS);
    rejected("status", ALERTS);
    rejected("status eq 'New' ; drop", ALERTS);
    rejected("severity eq 'High' eq 'Low'", ALERTS);
    rejected("incidentId eq incidentId", ALERTS);
    rejected("1 eq 1", ALERTS);
    rejected("status eq 'New'\n", ALERTS);
    rejected("status eq 'New' and 'x'", ALERTS);
    rejected("isAadJoined", MACHINES);
  }
}
