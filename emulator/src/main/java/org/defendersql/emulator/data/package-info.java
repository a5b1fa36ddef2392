/** The seeded, realistic tenant data: machines in memory, alerts generated lazily from (seed, index). */
package org.defendersql.emulator.data;
