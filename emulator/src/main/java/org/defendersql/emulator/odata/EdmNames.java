package org.defendersql.emulator.odata;

import org.defendersql.model.Api;
import org.defendersql.model.EdmType;
import org.defendersql.model.Entity;

/** The qualified EDM names that the service's error messages mention. */
public final class EdmNames {
  private EdmNames() {
  }

  /** The service's EDM namespace. */
  public static final String NAMESPACE = "microsoft.windowsDefenderATP.api";

  /** Microsoft Graph's security namespace. */
  public static final String GRAPH_NAMESPACE = "microsoft.graph.security";

  /**
   * The entity type of an entity set: {@code Alerts} holds {@code microsoft.windowsDefenderATP.api.Alert}, Graph's
   * {@code alerts_v2} {@code microsoft.graph.security.alert}.
   */
  public static String entityType(Entity entity) {
    if (entity.api() == Api.GRAPH) {
      final String set = entity.entitySetName().replaceFirst("_v\\d+$", "");
      return GRAPH_NAMESPACE + "." + (set.endsWith("s") ? set.substring(0, set.length() - 1) : set);
    }
    final String set = entity.entitySetName();
    return NAMESPACE + "." + (set.endsWith("s") ? set.substring(0, set.length() - 1) : set);
  }

  /** The primitive type name of an EDM type, as in {@code Edm.DateTimeOffset}. */
  public static String of(EdmType type) {
    return switch (type) {
      case STRING -> "Edm.String";
      case ENUM -> "Edm.Enum";
      case GUID -> "Edm.Guid";
      case INT32 -> "Edm.Int32";
      case INT64 -> "Edm.Int64";
      case DOUBLE -> "Edm.Double";
      case BOOLEAN -> "Edm.Boolean";
      case DATE_TIME_OFFSET -> "Edm.DateTimeOffset";
      case STRING_COLLECTION -> "Collection(Edm.String)";
      case COMPLEX_COLLECTION -> "Collection(Edm.ComplexType)";
    };
  }
}
