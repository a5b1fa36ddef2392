package org.defendersql.adapter.status;

/**
 * One line of a connection test: what was checked, how, and the verdict with the fix.
 *
 * @param area       {@code Azure AD token}, or the table the permission serves
 * @param permission the application permission checked (e.g. {@code Alert.Read.All}), or null for the token
 * @param status     the verdict
 * @param probe      the request sent, e.g. {@code GET /api/alerts?$top=1}
 * @param detail     what happened, in the API's or Azure AD's own words
 * @param fix        what to do, or null when nothing is wrong
 */
public record PermissionCheck(String area, String permission, Status status, String probe, String detail,
    String fix) {

  /** The verdict of one check. */
  public enum Status {
    OK, FAIL, NOT_CHECKED
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
