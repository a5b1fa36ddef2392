/**
 * The emulated Azure AD: application registrations with their secrets, certificates and federated identity
 * credentials, the client-credentials token endpoint (secrets, certificate-signed client assertions, federated
 * tokens), an App Service style managed-identity endpoint, and the API's token checks.
 */
package org.defendersql.emulator.auth;
