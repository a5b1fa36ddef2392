package org.defendersql.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * An OData system query option. Endpoints differ in which they accept: the MDE API takes them all, Graph's
 * {@code alerts_v2} neither {@code $select}, {@code $expand} nor {@code $orderby}; sending one an endpoint does not
 * take is a 400, so the adapter sends only those the table's endpoint lists.
 */
public enum QueryOption {
  FILTER("$filter"), SELECT("$select"), EXPAND("$expand"), ORDERBY("$orderby"), TOP("$top"), SKIP("$skip"),
  COUNT("$count"),
  /**
   * Not OData's: the page size parameter of the export APIs ({@code ?pageSize=}), which page by
   * {@code @odata.nextLink} at the size asked (up to the table's {@link Entity#maxTop()}) instead of by {@code $skip}.
   */
  PAGE_SIZE("pageSize");

  /** Every OData option: what the MDE API's entity endpoints accept. */
  public static final Set<QueryOption> ALL = Set.copyOf(EnumSet.range(FILTER, COUNT));

  private final String odata;

  QueryOption(String odata) {
    this.odata = odata;
  }

  /** The option's name in a URL, e.g. {@code $filter}. */
  public String odata() {
    return odata;
  }
}
