/** OData query options as the Defender API accepts them: {@code $filter} parsing and evaluation, paging, sorting. */
package org.defendersql.emulator.odata;
