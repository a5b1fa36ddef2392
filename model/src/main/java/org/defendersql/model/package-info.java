/**
 * The Microsoft Defender for Endpoint entities described once: for each table its columns (SQL name, JSON
 * property, OData type, SQL type, nullability), its key, the endpoint it is read from, the application roles
 * that grant access to it, and which properties the API can filter with which operators.
 *
 * <p>The adapter builds its Calcite row types and OData requests from this description and the emulator
 * builds its generated data, its JSON and its {@code $filter} rules from it, so the two can never disagree
 * about a field list or a path.
 */
package org.defendersql.model;
