package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

/**
 * The token cache's deadline and single flight, with a credential that answers when the test says: a silent
 * sign-in host costs a query the deadline, concurrent queries share one fetch, and a still-valid token is handed
 * out while its refresh hangs.
 */
@Timeout(60)
class TokenProviderTest {
  private static final DefenderConnectionConfig CONFIG = DefenderConnectionConfig.from(
      Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s"), n -> null);

  /** A credential whose every fetch runs {@code answer}, counted. */
  private static final class Scripted implements TokenCredential {
    final AtomicInteger fetches = new AtomicInteger();
    volatile Supplier<AccessToken> answer;

    Scripted(Supplier<AccessToken> answer) {
      this.answer = answer;
    }

    @Override public Mono<AccessToken> getToken(TokenRequestContext request) {
      return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override public AccessToken getTokenSync(TokenRequestContext request) {
      fetches.incrementAndGet();
      return answer.get();
    }
  }

  private static AccessToken token(String value, Duration validFor) {
    return new AccessToken(value, OffsetDateTime.now().plus(validFor));
  }

  private static Supplier<AccessToken> hanging(CountDownLatch release) {
    return () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return token("late", Duration.ofHours(1));
    };
  }

  @Test void aSilentSignInHostCostsTheDeadlineAndNamesTheHost() {
    final CountDownLatch never = new CountDownLatch(1);
    final Scripted credential = new Scripted(hanging(never));
    final TokenProvider p = new TokenProvider(CONFIG, credential, "scope/.default", Duration.ofMillis(300));
    final DefenderException e = assertThrows(DefenderException.class, p::token);
    assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    assertTrue(e.getMessage().contains("login.microsoftonline.com") && e.getMessage().contains("did not answer"),
        e.getMessage());
    // The stuck fetch was stopped: the next query starts a fetch of its own, which now succeeds.
    credential.answer = () -> token("fresh", Duration.ofHours(1));
    assertEquals("fresh", p.token());
    assertEquals(2, credential.fetches.get());
  }

  @Test void queriesWaitingAtOnceShareOneFetch() throws Exception {
    final CountDownLatch release = new CountDownLatch(1);
    final Scripted credential = new Scripted(hanging(release));
    final TokenProvider p = new TokenProvider(CONFIG, credential, "scope/.default", Duration.ofSeconds(30));
    final CompletableFuture<?>[] waiting = new CompletableFuture<?>[6];
    for (int i = 0; i < waiting.length; i++) {
      waiting[i] = CompletableFuture.supplyAsync(p::token);
    }
    while (credential.fetches.get() == 0) {
      Thread.sleep(10);
    }
    release.countDown();
    for (CompletableFuture<?> w : waiting) {
      assertEquals("late", w.get(30, TimeUnit.SECONDS));
    }
    assertEquals(1, credential.fetches.get(), "one fetch for six queries");
  }

  @Test void aValidTokenIsHandedOutWhileItsRefreshHangs() throws Exception {
    final Scripted credential = new Scripted(() -> token("first", Duration.ofMinutes(3)));
    final TokenProvider p = new TokenProvider(CONFIG, credential, "scope/.default", Duration.ofSeconds(30));
    assertEquals("first", p.token());
    // Within the refresh margin (5 minutes) but valid for 3: a refresh starts and hangs; queries go on.
    final CountDownLatch release = new CountDownLatch(1);
    credential.answer = hanging(release);
    assertEquals("first", p.token());
    while (credential.fetches.get() < 2) {
      Thread.sleep(10); // the refresh runs on its own thread
    }
    for (int i = 0; i < 5; i++) {
      assertEquals("first", p.token());
    }
    assertEquals(2, credential.fetches.get(), "one refresh started, not one per query");
    release.countDown();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!p.token().equals("late") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("late", p.token(), "the refreshed token replaces the old one");
  }
}
