package org.defendersql.adapter.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.client.HttpsWireMock;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.odata.QueryOptionsParser;

/**
 * A WireMock HTTPS proxy in front of an emulated tenant, standing for both the Defender API and the Graph root, that
 * records every request as its decoded request line. The emulator writes its own address into Graph's absolute
 * {@code @odata.nextLink}s; the proxy rewrites it to its own, as a reverse proxy would, so that the client follows
 * them through the proxy (it refuses links off the Graph host).
 */
final class GraphProxy implements AutoCloseable {
  final HttpsWireMock wireMock;
  private final LinkRewriter rewriter = new LinkRewriter();

  GraphProxy(Path dir, DefenderEmulator emulator) throws Exception {
    wireMock = new HttpsWireMock(dir, rewriter);
    rewriter.from = emulator.baseUrl();
    rewriter.to = wireMock.baseUrl();
    wireMock.server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(emulator.baseUrl())));
  }

  /** The operand of a schema reading the emulator through this proxy, with no client-side budget. */
  Map<String, Object> operand(DefenderEmulator emulator) {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("serverUrl", wireMock.baseUrl());
    operand.put("graphUrl", wireMock.baseUrl());
    operand.put("authorityHost", wireMock.baseUrl());
    operand.put("caCertFile", wireMock.caCertFile.toString());
    operand.put("rateLimits", "off");
    operand.put("graphRateLimits", "off");
    return operand;
  }

  void reset() {
    wireMock.server.resetRequests();
  }

  /** The API requests seen since the last reset, oldest first, as decoded request lines; token requests left out. */
  List<String> requests() {
    final List<ServeEvent> events = new ArrayList<>(wireMock.server.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    final List<String> lines = new ArrayList<>();
    for (ServeEvent e : events) {
      final String url = e.getRequest().getUrl();
      if (!url.startsWith("/api/") && !url.startsWith("/v1.0/")) {
        continue;
      }
      final int q = url.indexOf('?');
      final String path = q < 0 ? url : url.substring(0, q);
      final String query = q < 0 ? "" : QueryOptionsParser.decode(url.substring(q + 1)).stream()
          .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&"));
      lines.add(e.getRequest().getMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
    }
    return lines;
  }

  @Override public void close() {
    wireMock.server.stop();
  }

  /** Rewrites the emulator's address in answers to the proxy's. */
  private static final class LinkRewriter implements ResponseTransformerV2 {
    volatile String from;
    volatile String to;

    @Override public Response transform(Response response, ServeEvent serveEvent) {
      final String body = response.getBodyAsString();
      if (from == null || body == null || !body.contains(from)) {
        return response;
      }
      // The length changes when the ports' digits do: WireMock sets it anew for the new body.
      final List<HttpHeader> headers = response.getHeaders().all().stream()
          .filter(h -> !h.keyEquals("Content-Length")).toList();
      return Response.Builder.like(response).but().headers(new HttpHeaders(headers)).body(body.replace(from, to))
          .build();
    }

    @Override public String getName() {
      return "graph-next-link-rewriter";
    }
  }
}
