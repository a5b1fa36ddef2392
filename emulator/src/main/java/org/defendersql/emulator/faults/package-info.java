/** Faults and quotas the emulated tenant can impose on demand, so that clients can be tested against them. */
package org.defendersql.emulator.faults;
