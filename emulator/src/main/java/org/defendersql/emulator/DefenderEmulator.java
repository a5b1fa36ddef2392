package org.defendersql.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.defendersql.emulator.auth.App;
import org.defendersql.emulator.auth.AppRegistry;
import org.defendersql.emulator.auth.EntraIssuer;
import org.defendersql.emulator.auth.FederatedCredential;
import org.defendersql.emulator.auth.GraphAudience;
import org.defendersql.emulator.auth.ManagedIdentity;
import org.defendersql.emulator.auth.ManagedIdentityEndpoint;
import org.defendersql.emulator.auth.OpenIdEndpoint;
import org.defendersql.emulator.auth.TokenEndpoint;
import org.defendersql.emulator.auth.TokenService;
import org.defendersql.emulator.auth.TrustedSubject;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.emulator.data.hunting.HuntingConfig;
import org.defendersql.emulator.data.hunting.HuntingData;
import org.defendersql.emulator.faults.FaultPlan;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.emulator.faults.QuotaEnforcer;
import org.defendersql.emulator.graph.GraphData;
import org.defendersql.emulator.graph.GraphHandler;
import org.defendersql.emulator.http.EmulatorServer;
import org.defendersql.emulator.http.HuntingLimits;
import org.defendersql.emulator.http.HuntingService;
import org.defendersql.emulator.http.RequestLog;
import org.defendersql.emulator.http.TlsMaterial;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.settings.Setting;

/**
 * An emulated Microsoft Defender for Endpoint tenant: an Azure AD token endpoint and the Defender API over
 * HTTPS on localhost, serving seeded, realistic alerts, machines, files and their statistics, logon users and the
 * alerts and machines the API relates to files, users, IPs and domains, as strict as the real service. Every
 * route comes from the model's paths, lookups and statistics templates. Microsoft Graph's security API is served on
 * the same server from the same data ({@code /v1.0/security/alerts_v2}, {@code /v1.0/security/incidents},
 * {@code runHuntingQuery}); the MDE API can be switched off ({@link Builder#retireMdeApi()}) as after its retirement.
 *
 * <p>Row values are typed by EDM type: STRING/ENUM/GUID {@code String}, INT32 {@code Integer}, INT64
 * {@code Long}, DOUBLE {@code Double}, BOOLEAN {@code Boolean}, DATE_TIME_OFFSET {@code Instant} (100 ns
 * precision), STRING_COLLECTION {@code List<String>}, COMPLEX_COLLECTION {@code List<Map<String,Object>>}
 * keyed by the element type's JSON names; collections are never null.
 */
public final class DefenderEmulator implements AutoCloseable {
  private final Builder config;
  private final AppRegistry apps = new AppRegistry();
  private final RequestLog log = new RequestLog();
  private final FaultPlan faults = new FaultPlan();
  private final String clientSecret;
  /** The {@code IDENTITY_HEADER} of the emulated App Service host, shaped as a secret so a scan finds a leak. */
  private final String identityHeader = randomSecret();
  /** The tenant's own APIs and their RS256 tokens, with the OpenID metadata and keys that check them. */
  private final EntraIssuer entra;
  private EmulatorServer server;
  private Path certificateFile;
  private EmulatorData data;
  private HuntingData hunting;
  private GraphData graph;

  private DefenderEmulator(Builder config) {
    this.config = config;
    this.clientSecret = config.clientSecret != null ? config.clientSecret : randomSecret();
    this.entra = new EntraIssuer(config.tenantId, config.tokenLifetime, Clock.systemUTC());
    apps.register(new App(config.clientId, clientSecret, defaultRoles()));
    config.certificates.forEach(c -> apps.addCertificate(config.clientId, c));
    config.trustedSubjects.forEach(t -> apps.trustSubject(config.clientId, t));
    config.federatedCredentials.forEach(f -> apps.addFederatedCredential(config.clientId, f));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Generates the tenant, writes the CA certificate and binds the server; returns this. */
  public synchronized DefenderEmulator start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      final TlsMaterial tls = TlsMaterial.generate();
      certificateFile = tls.writeCertificate(config.certificateFile);
      if (config.certificateFile == null) {
        // A temp file of its own: removed when the emulator closes (or, killed, when the JVM exits).
        certificateFile.toFile().deleteOnExit();
      }
      final Instant now = config.now != null ? config.now : Instant.now().truncatedTo(ChronoUnit.MICROS);
      final Tenant tenant = Tenant.generate(config.seed, config.machines, config.alerts, now, config.tenantId);
      data = new EmulatorData(tenant);
      hunting = new HuntingData(tenant, config.seed, config.machines, now, new HuntingConfig(
          config.huntingEventsPerMachinePerDay, config.huntingDeviceInfoInterval));
      graph = new GraphData(tenant, tenant.huntingFacts());
      final TokenService tokens = new TokenService(config.tenantId, config.tokenLifetime, Clock.systemUTC());
      final TokenEndpoint tokenEndpoint = new TokenEndpoint(config.tenantId, apps, tokens,
          Clock.offset(Clock.systemUTC(), config.assertionClockSkew));
      server = new EmulatorServer(config.port, tls, tokenEndpoint, log, faults);
      tokenEndpoint.authority("https://localhost:" + server.port());
      tokenEndpoint.protectedApis(entra);
      entra.authority("https://localhost:" + server.port());
      server.serve(new OpenIdEndpoint(entra));
      server.serve(new ManagedIdentityEndpoint(config.managedIdentities, defaultRoles(), tokens, identityHeader));
      server.serve(new GraphHandler(graph, tokens, faults, config.graphQuotas, config.pageSize,
          "https://localhost:" + server.port()));
      if (config.mdeRetired) {
        server.retireMdeApi();
      }
      final HuntingLimits limits = new HuntingLimits(config.huntingMaxRows, config.huntingMaxResultBytes,
          config.huntingQuotas, config.huntingCpuQuotas, config.huntingCpuPerRow);
      server.start(tenant, tokens, config.pageSize, "https://localhost:" + server.port(),
          new QuotaEnforcer(config.quotas, config.exportQuotas), new HuntingService(hunting, limits,
              config.now != null ? Clock.fixed(config.now, java.time.ZoneOffset.UTC) : Clock.systemUTC()));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Defender emulator", e);
    }
  }

  /** The API server URL, e.g. {@code https://localhost:43123}; API paths start with {@code /api}. */
  public String baseUrl() {
    return "https://localhost:" + started().port();
  }

  /**
   * The Microsoft Graph root of this tenant: the same server, Graph paths start with {@code /v1.0} (advanced
   * hunting: {@code POST /v1.0/security/runHuntingQuery}).
   */
  public String graphUrl() {
    return baseUrl();
  }

  /** The scope to ask the token endpoint for to call the Graph endpoints: {@code https://graph.microsoft.com/.default}. */
  public String graphScope() {
    return GraphAudience.SCOPE;
  }

  /** The tenant's advanced-hunting tables, as both hunting endpoints query them. */
  public HuntingData hunting() {
    started();
    return hunting;
  }

  /**
   * The tenant as Microsoft Graph's security API serves it ({@code alerts_v2}, {@code incidents}): the rows of the
   * model's Graph tables, for tests to compare with.
   */
  public GraphData graph() {
    started();
    return graph;
  }

  /** Whether the MDE API is switched off: every {@code /api/...} route answers 410 Gone. */
  public boolean mdeApiRetired() {
    return config.mdeRetired;
  }

  /** The token authority: the same server. */
  public String authorityHost() {
    return baseUrl();
  }

  /**
   * The tenant's own APIs as Entra ID protects them (register {@code api://defender-sql}, grant an app its roles),
   * the RS256 tokens issued for them (also by the token endpoint for a scope such as
   * {@code api://defender-sql/.default}), and the OpenID metadata and keys served at
   * {@code /{tenant}/v2.0/.well-known/openid-configuration} to check them.
   */
  public EntraIssuer entra() {
    return entra;
  }

  /** The PEM file of the CA certificate a client must trust. */
  public Path certificateFile() {
    started();
    return certificateFile;
  }

  public String tenantId() {
    return config.tenantId;
  }

  /** The default application, granted every entity's read role. */
  public String clientId() {
    return config.clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  /**
   * The settings that point a Defender client at this tenant, named as the environment variables of Defender
   * integrations ({@code DEFENDER_SERVER_URL}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID},
   * {@code AZURE_CLIENT_SECRET}, {@code AZURE_AUTHORITY_HOST}, {@code DEFENDER_CA_CERT}), in that order, then
   * {@code DEFENDER_RATE_LIMITS}: the client-side call budget that matches this emulator's quotas ({@code off}
   * when it enforces none, so that tests are not slowed by a budget the emulator does not impose), and
   * {@code DEFENDER_GRAPH_RATE_LIMITS} likewise for Graph's {@code /security} budget.
   */
  public Map<String, String> environment() {
    final Map<String, String> env = new LinkedHashMap<>();
    env.put(Setting.SERVER_URL.env, baseUrl());
    env.put(Setting.TENANT_ID.env, tenantId());
    env.put(Setting.CLIENT_ID.env, clientId());
    env.put(Setting.CLIENT_SECRET.env, clientSecret());
    env.put(Setting.AUTHORITY_HOST.env, authorityHost());
    env.put(Setting.CA_CERT.env, certificateFile().toAbsolutePath().toString());
    env.put(Setting.GRAPH_URL.env, graphUrl());
    env.put(Setting.GRAPH_SCOPE.env, graphScope());
    env.put(Setting.RATE_LIMITS.env, budget(config.quotas));
    env.put(Setting.GRAPH_RATE_LIMITS.env, budget(config.graphQuotas));
    env.put(Setting.EXPORT_RATE_LIMITS.env, budget(config.exportQuotas));
    return env;
  }

  /** A budget setting's value for these quotas: {@code 100/60s,1500/3600s}, or {@code off}. */
  private static String budget(List<Quota> quotas) {
    return quotas.isEmpty() ? "off" : String.join(",",
        quotas.stream().map(q -> q.limit() + "/" + q.window().toSeconds() + "s").toList());
  }

  /**
   * The variables an App Service host gives a process with a managed identity, pointing at this emulator's
   * managed-identity endpoint: {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}. Which identities answer is
   * set by {@link Builder#systemAssignedIdentity()} and {@link Builder#userAssignedIdentity}.
   */
  public Map<String, String> managedIdentityEnvironment() {
    return Map.of("IDENTITY_ENDPOINT", baseUrl() + ManagedIdentityEndpoint.PATH, "IDENTITY_HEADER", identityHeader);
  }

  /** The managed identities of the emulated Azure resource. */
  public List<ManagedIdentity> managedIdentities() {
    return List.copyOf(config.managedIdentities);
  }

  /** Registers another application, e.g. one lacking {@code Alert.Read.All}. */
  public void registerApp(String clientId, String clientSecret, Set<String> roles) {
    apps.register(new App(Objects.requireNonNull(clientId), Objects.requireNonNull(clientSecret), roles));
  }

  /** The faults to inject into API requests, per endpoint; see {@link FaultPlan}. */
  public FaultPlan faults() {
    return faults;
  }

  /** The API quotas this emulator enforces per application (empty: none). */
  public List<Quota> quotas() {
    return List.copyOf(config.quotas);
  }

  /** The export APIs' quotas this emulator enforces per application, apart from the others (empty: none). */
  public List<Quota> exportQuotas() {
    return List.copyOf(config.exportQuotas);
  }

  /** The Graph {@code /security} quotas this emulator enforces per application (empty: none). */
  public List<Quota> graphQuotas() {
    return List.copyOf(config.graphQuotas);
  }

  /**
   * The responses this emulator has started and not yet finished (API, token and Graph alike): zero once every
   * client has read or closed its streams; a count that stays above zero is a leaked stream.
   */
  public int openExchanges() {
    return started().openExchanges();
  }

  /** Every API and token request so far, in order. */
  public List<RecordedRequest> requestLog() {
    return log.snapshot();
  }

  public void clearRequestLog() {
    log.clear();
  }

  public EmulatorData data() {
    started();
    return data;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
    }
    if (config.certificateFile == null && certificateFile != null) {
      try {
        java.nio.file.Files.deleteIfExists(certificateFile);
      } catch (java.io.IOException e) {
        // deleteOnExit still removes it
      }
    }
  }

  private EmulatorServer started() {
    if (server == null) {
      throw new IllegalStateException("the emulator is not started");
    }
    return server;
  }

  /**
   * The least-privilege read role of every entity and of both hunting endpoints: what a read-only integration is
   * granted (the Graph role goes into Graph tokens, the others into Defender tokens).
   */
  private static Set<String> defaultRoles() {
    final Set<String> roles = new LinkedHashSet<>();
    for (Entity e : DefenderModel.entities()) {
      roles.add(e.readRole());
    }
    roles.add(HuntingModel.MDE_ROLE);
    roles.add(HuntingModel.GRAPH_ROLE);
    return roles;
  }

  /**
   * The start of every secret the emulator makes up: Azure AD's shape (three characters, {@code 8Q~}, 34 more),
   * with fixed first characters so that a scan of logs can recognise a leaked emulator secret.
   */
  public static final String SECRET_MARKER = "Emu8Q~";

  /** A secret shaped like Azure AD's, starting with {@link #SECRET_MARKER}. */
  private static String randomSecret() {
    final String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~";
    final SecureRandom r = new SecureRandom();
    final StringBuilder b = new StringBuilder();
    b.append(SECRET_MARKER);
    for (int i = 0; i < 34; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** Configures an emulator; every setting has a default. */
  public static final class Builder {
    private int port;
    private long seed = 42;
    private long alerts = 20_000;
    private int machines = 2_000;
    private Instant now;
    private int pageSize = 10_000;
    private Duration tokenLifetime = Duration.ofSeconds(3599);
    private Path certificateFile;
    private String tenantId = "4a3c2b1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private String clientId = "9b8a7c6d-5e4f-4d3c-b2a1-0f9e8d7c6b5a";
    private String clientSecret;
    private final List<Quota> quotas = new ArrayList<>();
    private final List<Quota> graphQuotas = new ArrayList<>();
    private final List<Quota> exportQuotas = new ArrayList<>();
    private boolean mdeRetired;
    private double huntingEventsPerMachinePerDay = HuntingConfig.defaults().eventsPerMachinePerDay();
    private Duration huntingDeviceInfoInterval = HuntingConfig.defaults().deviceInfoInterval();
    private int huntingMaxRows = HuntingModel.MAX_ROWS;
    private long huntingMaxResultBytes = HuntingModel.MAX_RESULT_BYTES;
    private final List<Quota> huntingQuotas = new ArrayList<>();
    private final List<HuntingLimits.CpuQuota> huntingCpuQuotas = new ArrayList<>();
    private Duration huntingCpuPerRow = HuntingLimits.defaults().cpuPerRow();
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<TrustedSubject> trustedSubjects = new ArrayList<>();
    private final List<FederatedCredential> federatedCredentials = new ArrayList<>();
    private final List<ManagedIdentity> managedIdentities = new ArrayList<>();
    private Duration assertionClockSkew = Duration.ZERO;

    private Builder() {
    }

    /**
     * Uploads a certificate's public part to the default app: client assertions signed with its key (and naming
     * it by {@code x5t} or {@code x5t#S256}) sign the app in.
     */
    public Builder certificate(X509Certificate certificate) {
      certificates.add(Objects.requireNonNull(certificate));
      return this;
    }

    /**
     * Trusts certificates of this subject (an X.500 name, e.g. {@code CN=defender-sql}) issued by this CA for the
     * default app, when the assertion sends its chain ({@code x5c}): subject name and issuer authentication.
     */
    public Builder trustedSubject(String subject, X509Certificate issuer) {
      trustedSubjects.add(new TrustedSubject(subject, issuer));
      return this;
    }

    /**
     * Adds a federated identity credential to the default app: tokens of {@code issuer} (signed with the key of
     * {@code issuerKey}) for {@code subject} and audience {@code api://AzureADTokenExchange} sign it in.
     */
    public Builder federatedCredential(String issuer, String subject, PublicKey issuerKey) {
      federatedCredentials.add(FederatedCredential.of(issuer, subject, issuerKey));
      return this;
    }

    /** Gives the emulated Azure resource its system-assigned managed identity (none by default). */
    public Builder systemAssignedIdentity() {
      managedIdentities.add(new ManagedIdentity(true, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
          null));
      return this;
    }

    /** Assigns a user-assigned managed identity to the emulated Azure resource. */
    public Builder userAssignedIdentity(String clientId, String objectId, String resourceId) {
      managedIdentities.add(new ManagedIdentity(false, clientId, objectId, resourceId));
      return this;
    }

    /**
     * How far ahead of the machine's clock the token endpoint checks client assertions' {@code nbf} and
     * {@code exp} (default none): a client whose clock is late, whose fresh assertions look expired.
     */
    public Builder assertionClockSkew(Duration skew) {
      this.assertionClockSkew = Objects.requireNonNull(skew);
      return this;
    }

    /**
     * How many device events (process, network, file and logon together) each onboarded machine has per day over
     * the 30 days of hunting data (default 10): 2,000 rows for a small test tenant, a million for a benchmark.
     */
    public Builder huntingEventsPerMachinePerDay(double events) {
      this.huntingEventsPerMachinePerDay = events;
      new HuntingConfig(events, huntingDeviceInfoInterval);
      return this;
    }

    /** How often each onboarded machine reports a DeviceInfo row (default every hour). */
    public Builder huntingDeviceInfoInterval(Duration interval) {
      this.huntingDeviceInfoInterval = Objects.requireNonNull(interval);
      new HuntingConfig(huntingEventsPerMachinePerDay, interval);
      return this;
    }

    /** The most rows of a hunting answer (default the service's 100,000); the first rows are kept. */
    public Builder huntingMaxRows(int rows) {
      this.huntingMaxRows = rows;
      return this;
    }

    /** The most bytes of a hunting answer's JSON (default the service's 124 MB); beyond it the answer is 400. */
    public Builder huntingMaxResultBytes(long bytes) {
      this.huntingMaxResultBytes = bytes;
      return this;
    }

    /** Adds a hunting call quota: at most {@code limit} calls of the tenant in any {@code window} (off by default). */
    public Builder huntingQuota(int limit, Duration window) {
      huntingQuotas.add(new Quota(limit, window));
      return this;
    }

    /** Adds a hunting CPU quota: at most {@code budget} of charged CPU in any {@code window} (off by default). */
    public Builder huntingCpuQuota(Duration budget, Duration window) {
      huntingCpuQuotas.add(new HuntingLimits.CpuQuota(budget, window));
      return this;
    }

    /** The CPU a hunting query is charged per table row it reads (default 1 µs). */
    public Builder huntingCpuPerRow(Duration cpu) {
      this.huntingCpuPerRow = Objects.requireNonNull(cpu);
      return this;
    }

    /**
     * The documented hunting quotas: 45 calls a minute and 1,500 an hour; 10 minutes of CPU an hour and 3 hours a
     * day.
     */
    public Builder realHuntingQuotas() {
      huntingQuotas.addAll(HuntingLimits.realCallQuotas());
      huntingCpuQuotas.addAll(HuntingLimits.realCpuQuotas());
      return this;
    }

    /**
     * Enforces the real API quotas per application: 100 calls a minute and 1,500 an hour (off by default).
     */
    public Builder realQuotas() {
      return quota(100, Duration.ofMinutes(1)).quota(1500, Duration.ofHours(1));
    }

    /**
     * Adds a quota: at most {@code limit} API calls of one application in any {@code window}; beyond it the API
     * answers 429 {@code "code":"429"} with {@code Retry-After}. Short windows let tests reach it in seconds.
     */
    public Builder quota(int limit, Duration window) {
      quotas.add(new Quota(limit, window));
      return this;
    }

    /**
     * Enforces the export APIs' documented quotas per application, apart from the others (off by default): the
     * default of the {@code exportRateLimits} setting, 30 calls a minute and 1,000 an hour.
     */
    public Builder realExportQuotas() {
      for (String part : Setting.EXPORT_RATE_LIMITS.defaultValue.split(",")) {
        final String[] p = part.trim().split("/");
        final String w = p[1].trim();
        final long n = Long.parseLong(w.substring(0, w.length() - 1));
        exportQuota(Integer.parseInt(p[0].trim()), switch (w.charAt(w.length() - 1)) {
          case 'h' -> Duration.ofHours(n);
          case 'm' -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        });
      }
      return this;
    }

    /**
     * Adds a quota of the export APIs ({@code SoftwareVulnerabilitiesByMachine} and its changes): at most
     * {@code limit} calls of one application in any {@code window}, counted apart from the other quotas.
     */
    public Builder exportQuota(int limit, Duration window) {
      exportQuotas.add(new Quota(limit, window));
      return this;
    }

    /**
     * Enforces Graph's documented {@code /security} budget per application: 150 calls a minute to alerts_v2 and
     * incidents (off by default), counted apart from the MDE API's quotas.
     */
    public Builder realGraphQuotas() {
      graphQuotas.add(GraphHandler.REAL_QUOTA);
      return this;
    }

    /**
     * Adds a Graph {@code /security} quota: at most {@code limit} calls of one application in any {@code window};
     * beyond it Graph answers 429 {@code TooManyRequests} with {@code Retry-After}.
     */
    public Builder graphQuota(int limit, Duration window) {
      graphQuotas.add(new Quota(limit, window));
      return this;
    }

    /**
     * Switches the MDE API off, as after its retirement (MC1220762, after 1 February 2027):
     * every {@code /api/...} route, its advanced hunting included, answers 410 Gone with an error saying so, while
     * Graph (alerts, incidents, runHuntingQuery) and the token endpoint keep answering.
     */
    public Builder retireMdeApi() {
      this.mdeRetired = true;
      return this;
    }

    /** The port; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The data seed (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many alerts (default 20,000). */
    public Builder alerts(int count) {
      this.alerts = requireNonNegative(count);
      return this;
    }

    /** How many machines (default 2,000). */
    public Builder machines(int count) {
      this.machines = requireNonNegative(count);
      return this;
    }

    /** The tenant's "now"; data spans the 90 days before it. Default: the real time at start. */
    public Builder now(Instant now) {
      this.now = now;
      return this;
    }

    /** The server page size when no {@code $top} is given (default 10,000). */
    public Builder pageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("page size must be positive");
      }
      this.pageSize = size;
      return this;
    }

    /** The lifetime of issued tokens (default 3599 s). */
    public Builder tokenLifetime(Duration d) {
      this.tokenLifetime = Objects.requireNonNull(d);
      return this;
    }

    /** Where to write the CA certificate PEM (default: a temp file). */
    public Builder certificateFile(Path p) {
      this.certificateFile = p;
      return this;
    }

    public Builder tenantId(String id) {
      this.tenantId = Objects.requireNonNull(id);
      return this;
    }

    public Builder clientId(String id) {
      this.clientId = Objects.requireNonNull(id);
      return this;
    }

    /** The default app's secret (default: random per instance). */
    public Builder clientSecret(String s) {
      this.clientSecret = Objects.requireNonNull(s);
      return this;
    }

    public DefenderEmulator build() {
      return new DefenderEmulator(this);
    }

    private static int requireNonNegative(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("count must not be negative");
      }
      return n;
    }
  }
}
