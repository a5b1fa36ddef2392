/** The OData vocabulary of the adapter: the request a scan will send, as a value object the planner builds. */
package org.defendersql.adapter.odata;
