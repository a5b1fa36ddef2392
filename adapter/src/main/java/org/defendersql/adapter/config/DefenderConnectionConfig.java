package org.defendersql.adapter.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.defendersql.adapter.cache.CacheSettings;
import org.defendersql.model.settings.Setting;

/**
 * The settings of one Defender tenant connection: the parameters users know from other Defender integrations
 * (Server URL, Tenant ID, Client ID, Client Secret), the Azure AD authority host (sovereign clouds) and an
 * optional CA certificate to trust (corporate TLS inspection, or the emulator's self-signed certificate).
 *
 * <p>Each comes from the model operand or, when the operand lacks it, from the environment variable named in
 * {@link Setting}, the one list of settings. Equal configs share one HTTP client and one token cache. The hunting
 * tables' settings (Graph root and scope, backend, budget, row cap) are {@link #hunting()}.
 */
public record DefenderConnectionConfig(URI serverUrl, String tenantId, String clientId, Secret clientSecret,
    URI authorityHost, Path caCertFile, String scope, Resilience resilience, HuntingSettings hunting,
    ApiChoice apis, CacheSettings cache, Authentication auth) {

  public static final String DEFAULT_SERVER_URL = Setting.SERVER_URL.defaultValue;
  public static final String DEFAULT_AUTHORITY_HOST = Setting.AUTHORITY_HOST.defaultValue;

  public DefenderConnectionConfig {
    Objects.requireNonNull(serverUrl, "serverUrl");
    Objects.requireNonNull(authorityHost, "authorityHost");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(hunting, "hunting");
    Objects.requireNonNull(apis, "apis");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(auth, "auth");
  }

  /** Reads the settings from a model operand, falling back to the process environment. */
  public static DefenderConnectionConfig from(Map<String, ?> operand) {
    return from(operand, System::getenv);
  }

  /**
   * Reads the settings from a model operand, falling back to the given environment.
   *
   * @throws IllegalArgumentException naming every setting that is missing or malformed
   */
  public static DefenderConnectionConfig from(Map<String, ?> operand, Function<String, String> env) {
    final List<String> problems = new ArrayList<>();
    final Function<Setting, String> get = s -> {
      final Object v = operand.get(s.operand);
      final String text = v != null ? v.toString().trim() : s.env == null ? null : env.apply(s.env);
      return text == null || text.isBlank() ? null : text.trim();
    };
    final Cloud cloud = parse(get, Setting.CLOUD, Cloud::parse, Cloud.GLOBAL, problems);
    final AuthType authType = parse(get, Setting.AUTH, AuthType::parse, AuthType.SECRET, problems);
    final URI server = url(get.apply(Setting.SERVER_URL), cloud.serverUrl, Setting.SERVER_URL, problems);
    final URI authority =
        url(get.apply(Setting.AUTHORITY_HOST), cloud.authorityHost, Setting.AUTHORITY_HOST, problems);
    // A managed identity knows its tenant, and a system-assigned one is named by no client id.
    final boolean identity = authType == AuthType.MANAGED_IDENTITY;
    final String tenant = identity ? get.apply(Setting.TENANT_ID)
        : required(get.apply(Setting.TENANT_ID), Setting.TENANT_ID, problems);
    final String client = identity ? get.apply(Setting.CLIENT_ID)
        : required(get.apply(Setting.CLIENT_ID), Setting.CLIENT_ID, problems);
    // Only the secret and environment types use a client secret; the others never read one.
    final Secret secret = authType == AuthType.SECRET
        ? secret(get.apply(Setting.CLIENT_SECRET), get.apply(Setting.CLIENT_SECRET_FILE), problems)
        : authType != AuthType.ENVIRONMENT ? null
        : optionalSecret(get.apply(Setting.CLIENT_SECRET), get.apply(Setting.CLIENT_SECRET_FILE), problems);
    final Authentication auth = AuthSettings.read(authType, get, env,
        new AuthSettings.Resolved(tenant, client, secret, authority.toString()), problems);
    Path ca = null;
    final String caText = get.apply(Setting.CA_CERT);
    if (caText != null) {
      ca = Path.of(caText);
      if (!Files.isReadable(ca)) {
        problems.add(describe(Setting.CA_CERT) + " names a file that cannot be read: " + ca);
      }
    }
    final String scopeText = get.apply(Setting.SCOPE);
    final String scope = scopeText != null ? scopeText : defaultScope(server, cloud);
    final Resilience resilience = resilience(get, problems);
    final HuntingSettings hunting = hunting(get, cloud, problems);
    final ApiChoice apis = parse(get, Setting.API, ApiChoice::parse, ApiChoice.BOTH, problems);
    final CacheSettings cache = CacheSettings.from(get, problems);
    if (!apis.allowsHunting(hunting.api())) {
      problems.add(describe(Setting.HUNTING_API) + " is " + hunting.api().name().toLowerCase(java.util.Locale.ROOT)
          + ", the MDE API's advanced queries, which " + describe(Setting.API) + " = graph excludes: use graph");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Defender connection settings are incomplete: "
          + String.join("; ", problems));
    }
    return new DefenderConnectionConfig(server, tenant, client, secret, authority, ca, scope,
        resilience, hunting, apis, cache, auth);
  }

  private static HuntingSettings hunting(Function<Setting, String> get, Cloud cloud, List<String> problems) {
    final HuntingSettings d = HuntingSettings.defaults();
    final String graphText = get.apply(Setting.GRAPH_URL);
    final URI graph = url(graphText, cloud.graphUrl, Setting.GRAPH_URL, problems);
    final String scopeText = get.apply(Setting.GRAPH_SCOPE);
    return new HuntingSettings(graph, scopeText != null ? scopeText
        : graphText == null ? cloud.graphScope() : HuntingSettings.defaultScope(graph),
        parse(get, Setting.HUNTING_API, HuntingApi::parse, d.api(), problems),
        parse(get, Setting.HUNTING_RATE_LIMITS, RateLimit::parseList, d.rateLimits(), problems),
        parse(get, Setting.HUNTING_MAX_ROWS, HuntingSettings::positive, d.maxRows(), problems),
        parse(get, Setting.HUNTING_MAX_REQUESTS, HuntingSettings::positive, d.maxRequests(), problems));
  }

  private static Resilience resilience(Function<Setting, String> get, List<String> problems) {
    final Resilience d = Resilience.defaults();
    final List<RateLimit> limits = parse(get, Setting.RATE_LIMITS, RateLimit::parseList, d.rateLimits(), problems);
    final List<RateLimit> graphLimits =
        parse(get, Setting.GRAPH_RATE_LIMITS, RateLimit::parseList, d.graphRateLimits(), problems);
    final List<RateLimit> exportLimits =
        parse(get, Setting.EXPORT_RATE_LIMITS, RateLimit::parseList, d.exportRateLimits(), problems);
    final Integer retries = parse(get, Setting.MAX_RETRIES, t -> {
      final int n = Integer.parseInt(t);
      if (n < 0) {
        throw new IllegalArgumentException("must not be negative");
      }
      return n;
    }, d.maxRetries(), problems);
    return new Resilience(limits, graphLimits, retries,
        parse(get, Setting.MAX_RETRY_TIME, Durations::parse, d.maxRetryTime(), problems),
        parse(get, Setting.RETRY_BACKOFF, Durations::parse, d.retryBackoff(), problems),
        parse(get, Setting.CONNECT_TIMEOUT, Durations::parse, d.connectTimeout(), problems),
        parse(get, Setting.READ_TIMEOUT, Durations::parse, d.readTimeout(), problems), exportLimits);
  }

  private static <T> T parse(Function<Setting, String> get, Setting s, Function<String, T> parser, T dflt,
      List<String> problems) {
    final String text = get.apply(s);
    if (text == null) {
      return dflt;
    }
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      problems.add(describe(s) + " is invalid: " + e.getMessage());
      return dflt;
    }
  }

  /** The OAuth scope for the API: US government clouds have their own audience. */
  static String defaultScope(URI server) {
    return defaultScope(server, Cloud.GLOBAL);
  }

  /** The OAuth scope for the API: a US government host's own, else the cloud's. */
  static String defaultScope(URI server, Cloud cloud) {
    final String host = server.getHost() == null ? "" : server.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".microsoft.us")) {
      return "https://" + host + "/.default";
    }
    return cloud.scope();
  }

  /** A client secret that only some authentication types use: none is no problem. */
  private static Secret optionalSecret(String value, String file, List<String> problems) {
    return value == null && file == null ? null : secret(value, file, problems);
  }

  private static Secret secret(String value, String file, List<String> problems) {
    if (value != null) {
      return Secret.of(value);
    }
    if (file == null) {
      problems.add(describe(Setting.CLIENT_SECRET) + " is not set (nor " + describe(Setting.CLIENT_SECRET_FILE)
          + ")");
      return null;
    }
    try {
      final String text = Files.readString(Path.of(file)).strip();
      if (text.isEmpty()) {
        problems.add(describe(Setting.CLIENT_SECRET_FILE) + " names an empty file: " + file);
      }
      return Secret.of(text);
    } catch (java.io.IOException | RuntimeException e) {
      problems.add(describe(Setting.CLIENT_SECRET_FILE) + " names a file that cannot be read: " + file);
      return null;
    }
  }

  private static String required(String value, Setting s, List<String> problems) {
    if (value == null) {
      problems.add(describe(s) + " is not set");
    }
    return value;
  }

  private static URI url(String text, String dflt, Setting s, List<String> problems) {
    final String t = text == null ? dflt : text;
    try {
      final URI u = new URI(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
      if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
        problems.add(describe(s) + " must be an https URL such as " + dflt + ", not '" + t + "'");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      problems.add(describe(s) + " is not a URL: '" + t + "'");
      return URI.create(dflt);
    }
  }

  private static String describe(Setting s) {
    return s.operand + " (environment " + s.env + ")";
  }

  /** The settings but the cache's, the secret masked: the identity whose connections share one cache. */
  @Override public String toString() {
    return "DefenderConnectionConfig[serverUrl=" + serverUrl + ", tenantId=" + tenantId + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null ? "null" : "****") + ", authorityHost=" + authorityHost
        + ", caCertFile=" + caCertFile + ", scope=" + scope + ", " + resilience + ", " + hunting + ", api=" + apis
        + ", " + auth + "]";
  }
}
