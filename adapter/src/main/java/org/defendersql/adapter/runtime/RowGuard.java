package org.defendersql.adapter.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.JdbcErrors;

/**
 * The rows of one step of a plan, watched: each row checks its statement's {@link StatementBudget} (cancelled,
 * timed out, refused), and the rows a sort, join or set operation is about to hold are counted against the
 * statement's limit. Put into plans by {@code DefenderGuard}.
 *
 * <p>A spooling guard reads its input once and replays it: Calcite's nested-loop join enumerates its right
 * input again for every row of its left one, which for a Defender table would send its requests again each time.
 *
 * @param maxRows the most rows one statement may hold, or 0 when this step's rows are not held
 * @param where   the step, as the user's error names it
 * @param spool   whether the rows are read once, held (and counted), and replayed to every later reader
 */
public record RowGuard(long maxRows, String where, boolean spool) {
  /** A guard that does not spool. */
  public RowGuard(long maxRows, String where) {
    this(maxRows, where, false);
  }

  /** The rows of {@code input}, watched. */
  public <T> Enumerable<T> rows(Enumerable<T> input, DataContext root) {
    final Enumerable<T> watched = watched(input, root);
    if (!spool) {
      return watched;
    }
    return new AbstractEnumerable<>() {
      private List<T> rows;

      @Override public Enumerator<T> enumerator() {
        if (rows == null) {
          final List<T> read = new ArrayList<>();
          try (Enumerator<T> e = watched.enumerator()) {
            while (e.moveNext()) {
              read.add(e.current());
            }
          }
          rows = read;
        }
        return Linq4j.enumerator(rows);
      }
    };
  }

  private <T> Enumerable<T> watched(Enumerable<T> input, DataContext root) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<T> enumerator() {
        final StatementBudget budget = StatementBudget.of(root);
        final Enumerator<T> in = input.enumerator();
        budget.opened();
        return new Enumerator<>() {
          private boolean closed;

          @Override public T current() {
            return in.current();
          }

          @Override public boolean moveNext() {
            try {
              budget.check(where);
              if (!in.moveNext()) {
                return false;
              }
              if (maxRows > 0) {
                budget.hold(maxRows, where);
              }
              return true;
            } catch (DefenderException e) {
              throw JdbcErrors.raise(e);
            }
          }

          @Override public void reset() {
            in.reset();
          }

          @Override public void close() {
            if (!closed) {
              closed = true;
              budget.closed();
            }
            in.close();
          }
        };
      }
    };
  }
}
