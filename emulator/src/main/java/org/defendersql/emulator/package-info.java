/**
 * An emulated Microsoft Defender for Endpoint tenant for tests and benchmarks: {@link
 * org.defendersql.emulator.DefenderEmulator} starts it, {@link org.defendersql.emulator.EmulatorMain} runs it
 * standalone. Sub-packages: {@code auth} (token endpoint and tokens), {@code odata} (query options, {@code
 * $filter}), {@code data} (the seeded generator), {@code http} (server, routing, JSON).
 */
package org.defendersql.emulator;
