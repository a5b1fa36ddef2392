package org.defendersql.emulator.data;

import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Origin;

/**
 * The {@code InOrgFileStats} answer of {@code GET /api/files/{sha1}/stats} as an entity the JSON writer and
 * {@code $select} understand. Its properties are the files table's key and {@link Origin#STATS} columns and the
 * file's global observation times, taken from the model, plus what the model does not read: the legacy string
 * twins {@code orgPrevalence} and {@code globalPrevalence} and {@code globallyPrevalence}, which real answers carry.
 */
public final class FileStatsShape {
  /** The OData type, as in the answer's context URL. */
  public static final String TYPE = "microsoft.windowsDefenderATP.api.InOrgFileStats";

  /** The properties the model does not list, by JSON name. */
  private static final Map<String, Column> LEGACY = Map.of(
      "orgPrevalence", Column.of("orgPrevalence", STRING),
      "globalPrevalence", Column.of("globalPrevalence", STRING),
      "globallyPrevalence", Column.of("globallyPrevalence", INT64));

  /** The order of a real answer. */
  private static final List<String> ORDER = List.of("sha1", "orgPrevalence", "organizationPrevalence",
      "orgFirstSeen", "orgLastSeen", "globalPrevalence", "globallyPrevalence", "globalFirstObserved",
      "globalLastObserved", "topFileNames");

  public static final Entity ENTITY = entity();
  private static final RowShape SHAPE = new RowShape(ENTITY);
  private static final RowShape FILE = new RowShape(FileCatalog.SERVED);

  private FileStatsShape() {
  }

  private static Entity entity() {
    final Entity files = DefenderModel.FILES;
    final List<Column> columns = new ArrayList<>();
    for (String name : ORDER) {
      final Column c = LEGACY.containsKey(name) ? LEGACY.get(name) : files.property(name).orElseThrow(
          () -> new IllegalStateException("the files table has no " + name));
      columns.add(c.from(Origin.PROPERTY).named(Column.snakeCase(name)));
    }
    for (Column c : files.columns()) {
      if ((c.origin() == Origin.STATS || c == files.key()) && !ORDER.contains(c.jsonName())) {
        throw new IllegalStateException("the statistics answer lacks " + c.jsonName());
      }
    }
    return new Entity("file_stats", TYPE, null, Column.snakeCase(files.key().jsonName()), files.readRoles(), null, 1,
        columns, List.of(), null, null, "A file's prevalence in the organisation.", List.of(), List.of());
  }

  /** The answer for a file (its served row) and its statistics. */
  public static Object[] row(Object[] fileRow, FileStats stats) {
    final RowShape file = FILE;
    final Object[] row = SHAPE.newRow();
    final Long global = (Long) fileRow[file.index("globalPrevalence")];
    row[SHAPE.index("sha1")] = fileRow[file.index("sha1")];
    row[SHAPE.index("orgPrevalence")] = Integer.toString(stats.organizationPrevalence());
    row[SHAPE.index("organizationPrevalence")] = stats.organizationPrevalence();
    row[SHAPE.index("orgFirstSeen")] = stats.orgFirstSeen();
    row[SHAPE.index("orgLastSeen")] = stats.orgLastSeen();
    row[SHAPE.index("globalPrevalence")] = global == null ? null : global.toString();
    row[SHAPE.index("globallyPrevalence")] = global;
    row[SHAPE.index("globalFirstObserved")] = fileRow[file.index("globalFirstObserved")];
    row[SHAPE.index("globalLastObserved")] = fileRow[file.index("globalLastObserved")];
    row[SHAPE.index("topFileNames")] = stats.topFileNames();
    return row;
  }
}
