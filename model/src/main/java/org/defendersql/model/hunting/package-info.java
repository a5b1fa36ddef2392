/**
 * The advanced-hunting tables (DeviceInfo, DeviceProcessEvents, AlertInfo, the TVM tables, ...) described once, with
 * Microsoft's names and column order, their KQL and SQL types and a description per column: read by the adapter's
 * hunting schema and KQL translator, by the emulator's hunting endpoints and by the README reference.
 *
 * <p>Sources: the table pages of MicrosoftDocs/defender-docs ({@code defender-xdr/advanced-hunting-*-table.md}).
 */
package org.defendersql.model.hunting;
