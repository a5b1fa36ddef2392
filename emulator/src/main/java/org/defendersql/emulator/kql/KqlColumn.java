package org.defendersql.emulator.kql;

import org.defendersql.model.hunting.KqlType;

/** A column of a query's input or result: its name and KQL type. */
public record KqlColumn(String name, KqlType type) {
}
