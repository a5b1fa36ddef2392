/**
 * HTTP access to the Defender API: TLS trust, Azure AD tokens from azure-identity, paged collection reads
 * parsed as a stream, and errors that say what to fix. Nothing here knows about the planner.
 */
package org.defendersql.adapter.client;
