package com.opencx.handoff.activities.dynamics;

import static com.opencx.handoff.activities.dynamics.DataverseTestServer.error;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.json;
import static com.opencx.handoff.activities.dynamics.DataverseTestServer.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A pool of application users against a real local server: requests take the users in turn, a 429
 * holds only the user that got it, and a write retried as another user is still made once.
 */
class ApplicationUserPoolTest {

  @StartStop private final MockWebServer server = new MockWebServer();

  private final Hold first = new Hold();
  private final Hold second = new Hold();
  private DataverseClient client;

  private DataverseClient client() {
    return new DataverseClient(
        DataverseTestServer.settings(server),
        List.of(new StaticTokenProvider("token-first"), new StaticTokenProvider("token-second")),
        new SimpleMeterRegistry(),
        List.of(first, second));
  }

  @Test
  void requestsTakeTheUsersInTurnAndA429HoldsOnlyTheUserThatGotIt() throws Exception {
    client = client();
    server.enqueue(json(200, "{\"value\":[]}"));
    server.enqueue(json(200, "{\"value\":[]}"));
    lookUp();
    lookUp();
    assertThat(List.of(token(), token())).containsExactly("token-first", "token-second");

    server.enqueue(
        error(429, "0x80072322", "Number of requests exceeded the limit")
            .newBuilder()
            .setHeader("Retry-After", "30")
            .build());
    DataverseException throttled = catchThrowableOfType(DataverseException.class, this::lookUp);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(token()).isEqualTo("token-first");
    assertThat(first.holdFor()).isPositive();
    assertThat(second.holdFor()).isZero();

    List<String> after = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(200, "{\"value\":[]}"));
      lookUp();
      after.add(token());
    }
    assertThat(after).as("the held user sends nothing").containsOnly("token-second");
  }

  @Test
  void aCreateRetriedAsAnotherUserAfterItsAnswerWasLostIsMadeOnce() throws Exception {
    client = client();
    // The first user's create landed but its answer did not (503 after commit): the retry goes out
    // as the second user, with the same id and If-None-Match: *, and Dataverse answers 412.
    server.enqueue(error(503, "", "Service Unavailable"));
    server.enqueue(error(412, "0x80040237", "A record with matching key values already exists."));

    catchThrowableOfType(DataverseException.class, this::create);
    boolean createdNow = create();

    assertThat(createdNow).as("the record existed: nothing created twice").isFalse();
    var firstTry = take(server);
    var retry = take(server);
    assertThat(firstTry.getHeaders().get("Authorization")).isEqualTo("Bearer token-first");
    assertThat(retry.getHeaders().get("Authorization")).isEqualTo("Bearer token-second");
    assertThat(retry.getTarget()).isEqualTo(firstTry.getTarget());
    assertThat(retry.getHeaders().get("If-None-Match")).isEqualTo("*");
  }

  private void lookUp() {
    client.get("contacts", Map.of("$select", "contactid"));
  }

  private boolean create() {
    return client.createIfAbsent(
        "contacts",
        "0d6f0c4e-1111-4222-8333-444455556666",
        JsonNodeFactory.instance.objectNode().put("lastname", "x"));
  }

  private String token() throws InterruptedException {
    return take(server).getHeaders().get("Authorization").substring("Bearer ".length());
  }

  /** A hold kept in this process only, as {@code DataverseThrottle} implementations keep it. */
  private static final class Hold implements DataverseThrottle {
    private long until;

    @Override
    public synchronized void throttled(Duration retryAfter) {
      until = System.currentTimeMillis() + retryAfter.toMillis();
    }

    @Override
    public synchronized Duration holdFor() {
      return Duration.ofMillis(Math.max(0, until - System.currentTimeMillis()));
    }
  }
}
