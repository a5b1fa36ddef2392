/** The emulated Azure AD: application registrations, the client-credentials token endpoint and token checks. */
package org.defendersql.emulator.auth;
