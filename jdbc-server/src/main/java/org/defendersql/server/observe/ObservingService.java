package org.defendersql.server.observe;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.defendersql.adapter.telemetry.ApiCalls;

/**
 * The server's Avatica {@link Service} watched request by request: an execute starts a statement's record in the
 * {@link StatementLedger}, its frames count rows, the last frame, a close or a failure ends it; while a request of
 * a running statement is served, the adapter's API calls are told to that statement's record.
 */
public final class ObservingService {
  private ObservingService() {
  }

  /** The service, observed by {@code observer}. */
  public static Service of(Service service, ServerObserver observer) {
    final StatementLedger ledger = observer.ledger();
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          final Object request = args == null || args.length != 1 ? null : args[0];
          final StatementRecord record = before(ledger, request);
          final Object response;
          try (ApiCalls.Scope ignored = ApiCalls.scope(observer.listener(record))) {
            response = method.invoke(service, args);
          } catch (InvocationTargetException e) {
            if (record != null) {
              ledger.failed(record, e.getCause());
            }
            throw e.getCause();
          }
          after(ledger, request, record, response);
          return response;
        });
  }

  /** The record the request works for: a new one for an execute, the running one for a fetch. */
  private static StatementRecord before(StatementLedger ledger, Object request) {
    if (request instanceof Service.PrepareAndExecuteRequest r) {
      return ledger.start(r.connectionId, r.statementId, r.sql, List.of(), null);
    }
    if (request instanceof Service.ExecuteRequest r) {
      final Meta.StatementHandle h = r.statementHandle;
      return ledger.start(h.connectionId, h.id, null, values(r.parameterValues),
          h.signature == null ? null : h.signature.sql);
    }
    if (request instanceof Service.PrepareAndExecuteBatchRequest r) {
      return ledger.start(r.connectionId, r.statementId, String.join(";\n", r.sqlCommands), List.of(), null);
    }
    if (request instanceof Service.ExecuteBatchRequest r) {
      return ledger.start(r.connectionId, r.statementId, null, List.of(), null);
    }
    if (request instanceof Service.FetchRequest r) {
      return ledger.running(r.connectionId, r.statementId);
    }
    return null;
  }

  private static void after(StatementLedger ledger, Object request, StatementRecord record, Object response) {
    if (request instanceof Service.PrepareRequest && response instanceof Service.PrepareResponse p
        && p.statement != null && p.statement.signature != null) {
      ledger.prepared(p.statement.connectionId, p.statement.id, p.statement.signature.sql);
    } else if (request instanceof Service.CloseStatementRequest r) {
      ledger.closed(r.connectionId, r.statementId);
    } else if (request instanceof Service.CloseConnectionRequest r) {
      ledger.connectionClosed(r.connectionId);
    }
    if (record == null) {
      return;
    }
    if (response instanceof Service.ExecuteResponse e) {
      if (e.missingStatement) {
        ledger.failed(record, new IllegalStateException("the statement was not found on the server"));
        return;
      }
      long rows = 0;
      boolean done = true;
      for (Service.ResultSetResponse rs : e.results == null ? List.<Service.ResultSetResponse>of() : e.results) {
        if (rs.firstFrame != null) {
          rows += count(rs.firstFrame.rows);
          done &= rs.firstFrame.done;
        }
      }
      ledger.delivered(record, rows, done);
    } else if (response instanceof Service.FetchResponse f) {
      if (f.missingStatement || f.missingResults) {
        ledger.failed(record, new IllegalStateException("the statement's results were not found on the server"));
      } else if (f.frame != null) {
        ledger.delivered(record, count(f.frame.rows), f.frame.done);
      }
    } else if (response instanceof Service.ExecuteBatchResponse) {
      ledger.delivered(record, 0, true);
    }
  }

  /** The rows of a frame; a frame that is not a collection is not iterated here (that could consume it). */
  private static long count(Iterable<?> rows) {
    return rows instanceof Collection<?> c ? c.size() : 0;
  }

  private static List<Object> values(List<TypedValue> values) {
    final List<Object> out = new ArrayList<>();
    if (values != null) {
      for (TypedValue v : values) {
        out.add(v == null ? null : v.value);
      }
    }
    return out;
  }
}
