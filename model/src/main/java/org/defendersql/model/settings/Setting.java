package org.defendersql.model.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of defender-sql, listed once: its model operand key, its environment variable, the JDBC
 * connection property a client of the server may set (if any), its default and what it does. The schema
 * factory, the server's client-property whitelist, the emulator's environment and the README's configuration
 * tables all read this list.
 */
public enum Setting {
  CLOUD(Group.TENANT, "Cloud", "cloud", "DEFENDER_CLOUD", null, "global",
      "`global`, `gcc`, `gccHigh` or `dod`: sets the Server URL, authority host, OAuth scopes and Graph root of that"
      + " cloud together; each of those settings, when given, still wins"),
  SERVER_URL(Group.TENANT, "Server URL", "serverUrl", "DEFENDER_SERVER_URL", null,
      "https://api.securitycenter.microsoft.com",
      "The Defender API's root (default: the cloud's); regional (`https://eu.api.security.microsoft.com`) and US"
      + " government hosts work"),
  TENANT_ID(Group.TENANT, "Tenant ID", "tenantId", "AZURE_TENANT_ID", null, null,
      "The Microsoft Entra tenant (GUID or domain) of the app registration (required, but for a managed identity)"),
  CLIENT_ID(Group.TENANT, "Client ID", "clientId", "AZURE_CLIENT_ID", null, null,
      "The app registration's application (client) ID (required, but for a system-assigned managed identity; with"
      + " `managedIdentity` it names a user-assigned identity)"),
  CLIENT_SECRET(Group.TENANT, "Client Secret", "clientSecret", "AZURE_CLIENT_SECRET", null, null,
      "The client secret's Value (for `auth` = `secret`, required, or the next)"),
  CLIENT_SECRET_FILE(Group.TENANT, "Client Secret in a file", "clientSecretFile", "AZURE_CLIENT_SECRET_FILE", null,
      null, "A file holding the client secret, used when no Client Secret is given (e.g. a mounted secret)"),
  AUTH(Group.TENANT, "Authentication", "auth", "DEFENDER_AUTH", null, "secret",
      "How the app signs in: `secret` (Client Secret), `certificate`, `managedIdentity` (the Azure resource's"
      + " identity), `workloadIdentity` (Kubernetes federated token) or `environment` (azure-identity's"
      + " EnvironmentCredential variables)"),
  CERTIFICATE_PATH(Group.TENANT, "Client certificate", "certificatePath", "AZURE_CLIENT_CERTIFICATE_PATH", null,
      null, "For `auth` = `certificate`: a PEM file (private key and certificate) or a PFX/PKCS#12 file"),
  CERTIFICATE_KEY_PATH(Group.TENANT, "Client certificate's private key", "certificateKeyPath",
      "DEFENDER_CLIENT_CERTIFICATE_KEY_PATH", null, null,
      "The PEM file of the certificate's private key (PKCS#8), when it is apart from the certificate's"),
  CERTIFICATE_PASSWORD(Group.TENANT, "Client certificate password", "certificatePassword",
      "AZURE_CLIENT_CERTIFICATE_PASSWORD", null, null, "The PFX file's password (never printed)"),
  CERTIFICATE_PASSWORD_FILE(Group.TENANT, "Client certificate password in a file", "certificatePasswordFile",
      "AZURE_CLIENT_CERTIFICATE_PASSWORD_FILE", null, null,
      "A file holding the PFX password, used when no Client certificate password is given"),
  SEND_CERTIFICATE_CHAIN(Group.TENANT, "Send the certificate chain", "sendCertificateChain",
      "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", null, "false",
      "Send the certificate chain (x5c) with each sign-in, for subject name and issuer authentication"),
  MANAGED_IDENTITY_RESOURCE_ID(Group.TENANT, "Managed identity resource ID", "managedIdentityResourceId",
      "DEFENDER_MANAGED_IDENTITY_RESOURCE_ID", null, null,
      "For `auth` = `managedIdentity`: a user-assigned identity by its Azure resource ID (by client ID: Client ID;"
      + " neither: the system-assigned identity)"),
  MANAGED_IDENTITY_OBJECT_ID(Group.TENANT, "Managed identity object ID", "managedIdentityObjectId",
      "DEFENDER_MANAGED_IDENTITY_OBJECT_ID", null, null,
      "For `auth` = `managedIdentity`: a user-assigned identity by its object (principal) ID"),
  FEDERATED_TOKEN_FILE(Group.TENANT, "Federated token file", "federatedTokenFile", "AZURE_FEDERATED_TOKEN_FILE",
      null, null, "For `auth` = `workloadIdentity`: the projected service account token (AKS sets the variable)"),
  AUTHORITY_HOST(Group.TENANT, "Authority host", "authorityHost", "AZURE_AUTHORITY_HOST", null,
      "https://login.microsoftonline.com", "The Entra ID sign-in host (default: the cloud's)"),
  CA_CERT(Group.TENANT, "CA certificate(s) to trust", "caCertFile", "DEFENDER_CA_CERT", null, null,
      "PEM certificates trusted besides the platform's (TLS inspection, the emulator)"),
  SCOPE(Group.TENANT, "OAuth scope", "scope", "DEFENDER_SCOPE", null,
      "https://api.securitycenter.microsoft.com/.default",
      "The token audience; `https://<host>/.default` for `*.microsoft.us` Server URLs"),
  GRAPH_URL(Group.TENANT, "Graph root", "graphUrl", "DEFENDER_GRAPH_URL", null, "https://graph.microsoft.com",
      "Microsoft Graph's root, where the hunting tables are read (US Gov L4 `https://graph.microsoft.us`, L5"
      + " `https://dod-graph.microsoft.us`)"),
  GRAPH_SCOPE(Group.TENANT, "Graph OAuth scope", "graphScope", "DEFENDER_GRAPH_SCOPE", null,
      "https://graph.microsoft.com/.default",
      "The token audience of Graph; `https://<host>/.default` for the US government Graph roots"),
  PUSHDOWN(Group.QUERY, "Pushdown", "pushdown", "DEFENDER_PUSHDOWN", "pushdown", "true",
      "Send WHERE, projections and LIMIT to the API (`false` reads whole tables and filters in defender-sql)"),
  MAX_LOOKUPS(Group.QUERY, "Keyed requests per statement, at most", "maxLookups", "DEFENDER_MAX_LOOKUPS", null,
      "50", "The most keyed requests one statement may send, all its scans and lookup joins together (a UNION ALL"
      + " of keyed branches shares it); a scan that would go beyond is refused before its requests"),
  API(Group.QUERY, "APIs read", "api", "DEFENDER_API", null, "both",
      "`both`: the MDE API's tables and Microsoft Graph's; `graph`: Graph only (an app with only Graph permissions,"
      + " or after the MDE API retires on 1 February 2027), where each MDE-API table answers an error naming its Graph"
      + " successor; `mde`: the MDE API only, where the `graph_*` tables answer an error"),
  HUNTING_API(Group.QUERY, "Hunting backend", "huntingApi", "DEFENDER_HUNTING_API", null, "graph",
      "`graph`: Microsoft Graph's runHuntingQuery (ThreatHunting.Read.All); `mde`: the retiring Defender API's"
      + " advanced queries (AdvancedQuery.Read.All)"),
  CACHE(Group.QUERY, "Cache of API answers", "cache", "DEFENDER_CACHE", "cache", "on",
      "`on`: complete API answers are shared by every connection of the app for their table's time-to-live, and"
      + " identical requests in flight are sent once; `off`: every query sends its requests (a client may set"
      + " `cache=off` for its connection)"),
  CACHE_TTL(Group.QUERY, "Cache time-to-live, at most", "cacheTtl", "DEFENDER_CACHE_TTL", null, null,
      "Caps each table's own time-to-live (30 s for alerts, incidents, evidence and hunting; 5 min for machines,"
      + " files, users and software), e.g. `10s`; `0s` caches nothing"),
  CACHE_MAX_BYTES(Group.QUERY, "Cache size, at most", "cacheMaxBytes", "DEFENDER_CACHE_MAX_BYTES", null, "64MB",
      "The cache's bound in bytes (`KB`, `MB`, `GB`: powers of 1024), least recently used answers evicted first;"
      + " an answer larger than a quarter of it is not cached"),
  RATE_LIMITS(Group.LIMITS, "Call budget per app and tenant", "rateLimits", "DEFENDER_RATE_LIMITS", null,
      "100/1m,1500/1h", "`CALLS/WINDOW`, comma-separated, over sliding windows; `off` for none"),
  MAX_RETRIES(Group.LIMITS, "Retries of one page request, at most", "maxRetries", "DEFENDER_MAX_RETRIES", null, "5",
      "429, 5xx, timeouts and dropped connections are retried"),
  MAX_RETRY_TIME(Group.LIMITS, "Time spent retrying one page request, at most", "maxRetryTime",
      "DEFENDER_MAX_RETRY_TIME", null, "2m", "Waits included"),
  RETRY_BACKOFF(Group.LIMITS, "First back-off", "retryBackoff", "DEFENDER_RETRY_BACKOFF", null, "500ms",
      "Doubles with each retry, with jitter, up to 30 s"),
  CONNECT_TIMEOUT(Group.LIMITS, "Connect timeout", "connectTimeout", "DEFENDER_CONNECT_TIMEOUT", null, "20s",
      "TCP and TLS connect, to the API and to the sign-in host"),
  READ_TIMEOUT(Group.LIMITS, "Read timeout", "readTimeout", "DEFENDER_READ_TIMEOUT", null, "2m",
      "The longest wait for the next bytes of an answer"),
  GRAPH_RATE_LIMITS(Group.LIMITS, "Graph security call budget per app and tenant", "graphRateLimits",
      "DEFENDER_GRAPH_RATE_LIMITS", null, "150/1m",
      "The budget of Microsoft Graph's `/security` alerts and incidents (the `graph_*` tables), apart from the"
      + " Defender API's; `off` for none"),
  HUNTING_RATE_LIMITS(Group.LIMITS, "Hunting call budget per app and tenant", "huntingRateLimits",
      "DEFENDER_HUNTING_RATE_LIMITS", null, "45/1m,1500/1h",
      "Advanced hunting's own budget, shared by both hunting backends; `off` for none"),
  EXPORT_RATE_LIMITS(Group.LIMITS, "Export call budget per app and tenant", "exportRateLimits",
      "DEFENDER_EXPORT_RATE_LIMITS", null, "30/1m,1000/1h",
      "The export APIs' own budget (the `software_vulnerability_export` and `_changes` tables), apart from the other"
      + " Defender API tables'; `off` for none"),
  HUNTING_MAX_ROWS(Group.LIMITS, "Rows of one hunting answer, at most", "huntingMaxRows",
      "DEFENDER_HUNTING_MAX_ROWS", null, "100000",
      "The service's row cap: an answer that reaches it is read on in later time slices (lower it only to test)"),
  HUNTING_MAX_REQUESTS(Group.LIMITS, "Hunting requests per scan, at most", "huntingMaxRequests",
      "DEFENDER_HUNTING_MAX_REQUESTS", null, "40",
      "The most time slices one hunting scan may read before the query fails and asks for a narrower one"),
  QUERY_TIMEOUT(Group.CONNECTION, "Query timeout", null, null, "queryTimeout", null,
      "Seconds each query of the connection may run (0: none; the server's `--query-timeout` wins if shorter);"
          + " for the stock Avatica driver, which does not send `Statement.setQueryTimeout` (ours enforces it)"),
  COMPLEX_TYPES(Group.CONNECTION, "Complex types", null, null, "complexTypes", "sql",
      "`json` serves array and nested columns as VARCHAR JSON text, for clients that cannot read SQL arrays"
          + " (Spark, many BI tools)");

  /** Where a setting belongs in the documentation. */
  public enum Group {
    /** Which tenant and app, and how to reach and trust them. */
    TENANT,
    /** How queries are run. */
    QUERY,
    /** The call budget, retries and timeouts. */
    LIMITS,
    /** Properties of one client connection to the server, which only the client sets. */
    CONNECTION
  }

  public final Group group;
  /** What users call it. */
  public final String label;
  /** The key in a Calcite model's operand, or null for a {@link Group#CONNECTION} property. */
  public final String operand;
  /** The environment variable read when the operand lacks the key, or null for a connection property. */
  public final String env;
  /** The JDBC connection property a client of the server may set, or null when only the server decides. */
  public final String clientProperty;
  /** The default, as it would be written, or null when there is none (required or optional). */
  public final String defaultValue;
  /** What it does, one line of Markdown. */
  public final String description;

  Setting(Group group, String label, String operand, String env, String clientProperty, String defaultValue,
      String description) {
    this.group = group;
    this.label = label;
    this.operand = operand;
    this.env = env;
    this.clientProperty = clientProperty;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** How messages name it, e.g. {@code serverUrl / DEFENDER_SERVER_URL}, or the connection property. */
  public String names() {
    return operand == null ? clientProperty : operand + " / " + env;
  }

  /** The settings a client of the server may set as connection properties. */
  public static List<Setting> clientSettable() {
    return Arrays.stream(values()).filter(s -> s.clientProperty != null).toList();
  }

  /** The setting with this operand key. */
  public static Optional<Setting> byOperand(String operand) {
    return Arrays.stream(values()).filter(s -> operand.equals(s.operand)).findFirst();
  }
}
