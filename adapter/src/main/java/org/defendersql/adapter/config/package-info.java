/**
 * Connection settings of a Defender tenant: where they come from (model operand or environment) and how they are
 * kept.
 */
package org.defendersql.adapter.config;
