package org.defendersql.emulator.auth;

import java.util.Objects;

/**
 * A managed identity of the Azure resource the client runs on: the system-assigned one (at most one), or a
 * user-assigned one, known by its client id, object (principal) id and Azure resource id.
 */
public record ManagedIdentity(boolean systemAssigned, String clientId, String objectId, String resourceId) {
  public ManagedIdentity {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(objectId, "objectId");
  }

  /** Whether a request's {@code client_id}, {@code mi_res_id}/{@code msi_res_id} or {@code object_id} names it. */
  boolean named(String requestedClientId, String requestedResourceId, String requestedObjectId) {
    if (requestedClientId == null && requestedResourceId == null && requestedObjectId == null) {
      return systemAssigned;
    }
    return !systemAssigned && (clientId.equalsIgnoreCase(String.valueOf(requestedClientId))
        || resourceId != null && resourceId.equalsIgnoreCase(String.valueOf(requestedResourceId))
        || objectId.equalsIgnoreCase(String.valueOf(requestedObjectId)));
  }
}
