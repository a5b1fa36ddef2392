/**
 * The emulated Azure AD: application registrations with their secrets, certificates and federated identity
 * credentials, the client-credentials token endpoint (secrets, certificate-signed client assertions, federated
 * tokens), an App Service style managed-identity endpoint, and the API's token checks; and the tenant's own APIs
 * ({@code api://...}) with the RS256 tokens Entra ID issues for them and the OpenID metadata and key set that check
 * them ({@link org.defendersql.emulator.auth.EntraIssuer}, {@link org.defendersql.emulator.auth.OpenIdEndpoint}).
 */
package org.defendersql.emulator.auth;
