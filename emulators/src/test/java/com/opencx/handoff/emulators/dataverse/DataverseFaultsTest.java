package com.opencx.handoff.emulators.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencx.handoff.emulators.TestHttp;
import com.opencx.handoff.emulators.http.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DataverseFaultsTest extends DataverseTestSupport {

  @Test
  void requestLimitAnswers429WithRetryAfter() throws Exception {
    dataverse.limitRequests(2, Duration.ofMinutes(5), 7);

    assertThat(http.get(API + "contacts").status()).isEqualTo(200);
    assertThat(http.get(API + "contacts").status()).isEqualTo(200);
    TestHttp.Result throttled = http.get(API + "contacts");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("7");
    assertThat(throttled.errorCode()).isEqualTo("-2147015902");
    assertThat(dataverse.requestCount()).isEqualTo(3);

    dataverse.clearFaultsAndLimits();
    assertThat(http.get(API + "contacts").status()).isEqualTo(200);
  }

  @Test
  void concurrencyLimitFailsImmediately() throws Exception {
    dataverse.limitConcurrency(1);
    dataverse.injectFault(Fault.latency("GET", "WhoAmI", Duration.ofMillis(700), 1));

    CompletableFuture<TestHttp.Result> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return http.get(API + "WhoAmI");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (dataverse.requestCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    TestHttp.Result rejected = http.get(API + "contacts");

    assertThat(rejected.status()).isEqualTo(429);
    assertThat(rejected.errorCode()).isEqualTo("-2147015898");
    assertThat(slow.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void dropAfterCommitPerformsTheWriteButSendsNoResponse() throws Exception {
    dataverse.injectFault(Fault.dropAfterCommit("PATCH", "msdyn_ocliveworkitems(", 1));

    assertThatThrownBy(() -> createWorkItem(WORK_ITEM, workItem("Refund")))
        .isInstanceOf(IOException.class);

    assertThat(dataverse.record("msdyn_ocliveworkitems", WORK_ITEM)).isPresent();
    assertThat(dataverse.requestLog()).last().asString().endsWith(" DROPPED");
    assertThat(createWorkItem(WORK_ITEM, workItem("Refund")).status())
        .as("the client's retry sees the earlier write")
        .isEqualTo(412);
  }

  @Test
  void injectedStatusesApplyToTheNextMatchingRequestsOnly() throws Exception {
    dataverse.injectFault(Fault.expiredToken("GET", "contacts", 1));
    dataverse.injectFault(Fault.status("GET", "msdyn_liveworkstreams", 503, 2).withRetryAfter(3));
    dataverse.injectFault(Fault.throttle("POST", "", 9, 1));

    TestHttp.Result expired = http.get(API + "contacts?$top=2");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorCode() + expired.errorMessage()).contains("ExpiredAuthTicket");
    assertThat(http.get(API + "contacts?$top=2").status()).isEqualTo(200);

    assertThat(http.get(API + "msdyn_liveworkstreams").status()).isEqualTo(503);
    TestHttp.Result second = http.get(API + "msdyn_liveworkstreams");
    assertThat(second.status()).isEqualTo(503);
    assertThat(second.header("Retry-After")).isEqualTo("3");
    assertThat(http.get(API + "msdyn_liveworkstreams").status()).isEqualTo(200);

    TestHttp.Result throttled = http.send("POST", API + "contacts", "{}");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("9");
    assertThat(dataverse.records("contacts")).isEmpty();
  }

  @Test
  void batchCountsAsOneRequestForLimits() throws Exception {
    dataverse.limitRequests(1, Duration.ofMinutes(5), 2);
    String body =
        "--b\r\nContent-Type: application/http\r\n\r\nGET contacts HTTP/1.1\r\n\r\n"
            + "--b\r\nContent-Type: application/http\r\n\r\nGET contacts HTTP/1.1\r\n\r\n--b--\r\n";

    TestHttp.Result batch =
        http.send("POST", API + "$batch", body, "Content-Type", "multipart/mixed; boundary=b");

    assertThat(batch.status()).isEqualTo(200);
    assertThat(dataverse.requestCount()).isEqualTo(1);
    assertThat(http.get(API + "contacts").status()).isEqualTo(429);
  }
}
