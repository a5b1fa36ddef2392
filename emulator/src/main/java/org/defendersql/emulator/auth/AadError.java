package org.defendersql.emulator.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Azure AD token-endpoint error: OAuth error code, HTTP status and AADSTS number, rendered as the JSON body
 * Azure AD sends (description with trace id, correlation id and timestamp appended, {@code error_uri}).
 */
public record AadError(int status, String error, int aadsts, String message) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  static AadError tenantNotFound(String tenant) {
    return new AadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
        + "you have the correct tenant ID and are signing into the correct cloud. Check with your subscription "
        + "administrator, this may happen if there are no active subscriptions for the tenant.");
  }

  static AadError missingParameter(String name) {
    return new AadError(400, "invalid_request", 900144, "The request body must contain the following parameter: '"
        + name + "'.");
  }

  static AadError postOnly(String method) {
    return new AadError(400, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a "
        + method + " request.");
  }

  static AadError unsupportedGrantType(String grantType) {
    return new AadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
        + grantType + "'.");
  }

  static AadError unknownClient(String clientId, String tenant) {
    return new AadError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
        + "' was not found in the directory '" + tenant + "'. This can happen if the application has not been "
        + "installed by the administrator of the tenant or consented to by any user in the tenant. You may have "
        + "sent your authentication request to the wrong tenant.");
  }

  static AadError missingSecret() {
    return new AadError(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
        + "required for the 'client_credentials' grant type.");
  }

  static AadError wrongSecret(String clientId) {
    return new AadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
        + "sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
        + clientId + "'.");
  }

  static AadError notDefaultScope(String scope) {
    return new AadError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
        + "Client credential flows must have a scope value with /.default suffixed to the resource identifier "
        + "(application ID URI).");
  }

  static AadError invalidScope(String scope) {
    return new AadError(400, "invalid_scope", 70011, "The provided request must include a 'scope' input "
        + "parameter. The provided value for the input parameter 'scope' is not valid. The scope " + scope
        + " is not valid.");
  }

  static AadError unknownResource(String resource, String tenant) {
    return new AadError(400, "invalid_resource", 500011, "The resource principal named " + resource + " was not "
        + "found in the tenant named " + tenant + ". This can happen if the application has not been installed "
        + "by the administrator of the tenant or consented to by any user in the tenant. You might have sent "
        + "your authentication request to the wrong tenant.");
  }

  static AadError unsupportedAssertionType(String type) {
    return new AadError(401, "invalid_client", 70002, "Error validating credentials. The client_assertion_type '"
        + type + "' is not supported; use 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.");
  }

  static AadError malformedAssertion() {
    return new AadError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
  }

  private static final String CERTIFICATE_DOCS = " Review the documentation at"
      + " https://learn.microsoft.com/entra/identity-platform/certificate-credentials .";
  private static final String FEDERATION_DOCS = " https://learn.microsoft.com/entra/workload-id/"
      + "workload-identity-federation";

  static AadError certificateNotRegistered(String thumbprint, String clientId) {
    return new AadError(401, "invalid_client", 700027, "The certificate with identifier used to sign the client "
        + "assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by "
        + "client: '" + thumbprint + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to "
        + "see configured keys for app Id '" + clientId + "'.]");
  }

  static AadError assertionSignatureInvalid(String thumbprint) {
    return new AadError(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - "
        + "The provided signature value did not match the expected signature value., Thumbprint of key used by "
        + "client: '" + thumbprint + "']");
  }

  static AadError certificateExpired(String thumbprint, Instant start, Instant end) {
    return new AadError(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - "
        + "The key used is expired., Thumbprint of key used by client: '" + thumbprint + "', Found key 'Start="
        + start + ", End=" + end + "']");
  }

  static AadError assertionClientMismatch() {
    return new AadError(401, "invalid_client", 700021, "Client assertion application identifier doesn't match "
        + "'client_id' parameter." + CERTIFICATE_DOCS);
  }

  static AadError assertionAudience() {
    return new AadError(401, "invalid_client", 700023, "Client assertion audience claim does not match Realm "
        + "issuer." + CERTIFICATE_DOCS);
  }

  static AadError assertionTimeRange(Instant now, Instant from, Instant expiry) {
    return new AadError(401, "invalid_client", 700024, "Client assertion is not within its valid time range. "
        + "Current time: " + now + ", assertion valid from " + from + ", expiry time of assertion " + expiry + "."
        + CERTIFICATE_DOCS);
  }

  static AadError noFederatedIssuer(String issuer) {
    return new AadError(400, "invalid_request", 700211, "No matching federated identity record found for "
        + "presented assertion issuer '" + issuer + "'. Please check your federated identity credential Subject, "
        + "Audience and Issuer against the presented assertion." + FEDERATION_DOCS);
  }

  static AadError federatedSignatureInvalid() {
    return new AadError(400, "invalid_request", 50013, "Assertion failed signature validation. [Reason - The key "
        + "was not found.]");
  }

  static AadError noFederatedRecord(String issuer, String subject, String audience) {
    return new AadError(400, "invalid_request", 70021, "No matching federated identity record found for presented"
        + " assertion. Assertion Issuer: '" + issuer + "'. Assertion Subject: '" + subject + "'. Assertion "
        + "Audience: '" + audience + "'." + FEDERATION_DOCS);
  }

  /** The JSON body, with fresh trace and correlation ids as Azure AD gives every failure. */
  public byte[] body(Instant now) {
    final String traceId = UUID.randomUUID().toString();
    final String correlationId = UUID.randomUUID().toString();
    final String timestamp = TIMESTAMP.format(now);
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    json.put("error_description", "AADSTS" + aadsts + ": " + message + " Trace ID: " + traceId
        + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
    json.put("error_codes", List.of(aadsts));
    json.put("timestamp", timestamp);
    json.put("trace_id", traceId);
    json.put("correlation_id", correlationId);
    json.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
