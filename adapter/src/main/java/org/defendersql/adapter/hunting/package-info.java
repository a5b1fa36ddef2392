/**
 * The {@code hunting} schema: Microsoft's advanced-hunting tables (DeviceProcessEvents, AlertInfo, ...) as SQL
 * tables, planned into KQL ({@link org.defendersql.adapter.kql.KqlQuery}) by rules that push exactly what keeps
 * the result identical and leave the rest to Calcite, as the OData tables do; and {@code kql('...')}, a table
 * function for analysts' own KQL. No HTTP, JSON or authentication here: scans run through the shared
 * {@link org.defendersql.adapter.client.DefenderClient}.
 */
package org.defendersql.adapter.hunting;
