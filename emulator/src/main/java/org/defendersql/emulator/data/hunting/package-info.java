/**
 * The emulated tenant's advanced-hunting data, generated from the same tenant as the Defender API's: DeviceInfo
 * reports of its machines, process, network, file and logon events on them (its users, its files' hashes),
 * AlertInfo and AlertEvidence of its alerts, and TVM software and vulnerabilities per machine. Event rows are
 * generated from (seed, table, index) alone and addressed by time, so millions stream in constant memory and a
 * time slice reads only its own rows.
 */
package org.defendersql.emulator.data.hunting;
