/**
 * Microsoft Graph's security API on the emulated tenant: {@code alerts_v2} and {@code incidents} from the same data
 * as the MDE API (the same alert in each API's shape), under Graph's OData rules, tokens, roles and call budget.
 */
package org.defendersql.emulator.graph;
