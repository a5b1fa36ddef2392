package org.defendersql.server.security;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The first protocol of a TLS port: TLS goes on to TLS, and plain HTTP (a client given {@code http://}) is read
 * as HTTP so that the {@link RequestGuard} can answer it with an error naming {@code https://}. Jetty alone would
 * close the connection, which Avatica's client takes for a lost response and retries forever.
 */
final class PlainHttpDetector extends DetectorConnectionFactory {
  PlainHttpDetector(SslConnectionFactory ssl) {
    super(ssl);
  }

  @Override protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
    upgradeToConnectionFactory(connector.getConnectionFactory(HttpConnectionFactory.class), connector, endPoint);
  }
}
