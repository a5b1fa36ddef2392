package org.defendersql.server.security;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --auth entra} checks an Entra ID access token against: the tenant that issues it, the audiences that
 * name this server (its API's app ID URI, which v1.0 tokens carry, and its client id, which v2.0 tokens carry), the
 * authority host its keys are read from, and optionally an app role or delegated scope every token must carry.
 *
 * @param tenant       the tenant id (a GUID) or a verified domain name of the tenant
 * @param audiences    the accepted {@code aud} values; a token must name one of them
 * @param authority    the authority host, {@code https://login.microsoftonline.com} in the public cloud
 * @param requiredRole an app role ({@code roles}) or delegated scope ({@code scp}) a token must carry, or null
 * @param caCert       a PEM file of the CA that signs the authority's TLS certificate (TLS inspection, an
 *                     emulator), or null for the JVM's trusted CAs
 */
public record EntraOptions(String tenant, List<String> audiences, String authority, String requiredRole,
    Path caCert) {
  /** The public cloud's authority host. */
  public static final String PUBLIC_CLOUD = "https://login.microsoftonline.com";

  public EntraOptions {
    if (tenant == null || tenant.isBlank() || !tenant.trim().matches("[A-Za-z0-9.-]+")) {
      throw new SecurityConfigException("--auth entra needs --entra-tenant ID, the tenant id (a GUID) or domain"
          + " name of the Entra ID tenant whose tokens are accepted" + (tenant == null ? "" : ", not '" + tenant
          + "'"));
    }
    tenant = tenant.trim();
    if (List.of("common", "organizations", "consumers").contains(tenant.toLowerCase(Locale.ROOT))) {
      // Their metadata names no issuer ("{tenantid}"): any tenant's tokens would have to be trusted.
      throw new SecurityConfigException("--entra-tenant must name one tenant (its id or domain), not '" + tenant
          + "': the server accepts the tokens of its own organisation only");
    }
    audiences = audiences == null ? List.of() : audiences.stream().map(String::trim).filter(a -> !a.isEmpty())
        .toList();
    if (audiences.isEmpty()) {
      throw new SecurityConfigException("--auth entra needs --entra-audience AUD: the app ID URI (api://...) and/or"
          + " the application (client) id of the server's app registration, as tokens name it in aud");
    }
    authority = authority == null || authority.isBlank() ? PUBLIC_CLOUD : authority.trim();
    while (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    final URI uri = authorityUri(authority);
    if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      throw new SecurityConfigException("--entra-authority must be an https:// URL (the signing keys must come"
          + " over TLS), not '" + authority + "'");
    }
    requiredRole = requiredRole == null || requiredRole.isBlank() ? null : requiredRole.trim();
  }

  private static URI authorityUri(String authority) {
    try {
      return URI.create(authority);
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException("--entra-authority must be an https:// URL, not '" + authority + "'");
    }
  }

  /** Options for the public cloud without a required role. */
  public static EntraOptions of(String tenant, List<String> audiences) {
    return new EntraOptions(tenant, audiences, PUBLIC_CLOUD, null, null);
  }

  /** These options with another authority host and the CA of its TLS certificate. */
  public EntraOptions withAuthority(String url, Path ca) {
    return new EntraOptions(tenant, audiences, url, requiredRole, ca);
  }

  /** These options with a required app role or scope. */
  public EntraOptions withRequiredRole(String role) {
    return new EntraOptions(tenant, audiences, authority, role, caCert);
  }

  /** The tenant's OpenID metadata document, where its issuer and key set are named. */
  public URI metadataUrl() {
    return URI.create(authority + "/" + tenant + "/v2.0/.well-known/openid-configuration");
  }

  /** Checks what can be checked before a token arrives: the CA file. */
  void check() {
    if (caCert != null && !Files.isReadable(caCert)) {
      throw new SecurityConfigException("Cannot read --entra-ca-cert " + caCert);
    }
  }
}
