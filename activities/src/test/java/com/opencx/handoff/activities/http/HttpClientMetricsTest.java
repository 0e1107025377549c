package com.opencx.handoff.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.opencx.handoff.activities.directline.DirectLineClient;
import com.opencx.handoff.activities.directline.DirectLineSettings;
import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.OpenCxSettings;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The three HTTP clients' request metrics through Micrometer's OkHttp listener (on OkHttp 5), with
 * their paths as templates, and the 429s with their {@code Retry-After}, against a real local
 * server.
 */
class HttpClientMetricsTest {

  private static final String PHONE = "+14155550100";
  private static final String EMAIL = "ana@example.com";
  private static final String GUID = "0c6ad6f3-0000-4000-8000-000000000001";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void dataverseRequestsAreTimedByEntitySetAndStatusWithoutTheQueryOrKeys() {
    server.enqueue(json(200, "{\"value\":[]}"));
    server.enqueue(new MockResponse.Builder().code(204).build());
    DataverseClient client = dataverse();

    client.get(
        "contacts",
        Map.of("$filter", "mobilephone eq '" + PHONE + "' or emailaddress1 eq '" + EMAIL + "'"));
    client.createIfAbsent("annotations", GUID, JsonNodeFactory.instance.objectNode());

    assertThat(request("dataverse", "GET", "contacts", "200").count()).isEqualTo(1);
    assertThat(request("dataverse", "PATCH", "annotations({id})", "204").count()).isEqualTo(1);
    assertThat(client.requestCountsByStatus())
        .containsOnly(Map.entry("200", 1L), Map.entry("204", 1L));
    assertNoTagHolds(PHONE, EMAIL, GUID, "mobilephone");
  }

  @Test
  void aDataverse429IsCountedWithTheRetryAfterItAskedFor() {
    server.enqueue(
        json(429, "{\"error\":{\"code\":\"0x80072322\",\"message\":\"Rate limit\"}}")
            .newBuilder()
            .setHeader("Retry-After", "7")
            .build());

    assertThatThrownBy(() -> dataverse().post("WhoAmI", JsonNodeFactory.instance.objectNode()))
        .hasMessageContaining("429");

    assertThat(
            registry.get(HttpClientMetrics.THROTTLED).tag("client", "dataverse").counter().count())
        .isEqualTo(1);
    Timer waited = registry.get(HttpClientMetrics.RETRY_AFTER).tag("client", "dataverse").timer();
    assertThat(waited.count()).isEqualTo(1);
    assertThat(waited.totalTime(TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(request("dataverse", "POST", "WhoAmI", "429").count()).isEqualTo(1);
  }

  @Test
  void directLineRequestsNameTheRouteNotTheConversation() {
    server.enqueue(json(200, "{\"id\":\"conv-42|0000001\"}"));
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    DirectLineClient client = new DirectLineClient(DirectLineSettings.of(root()), registry);

    client.post("secret", "conv-42", JsonNodeFactory.instance.objectNode().put("type", "message"));
    assertThatThrownBy(() -> client.activities("secret", "conv-42", null));

    assertThat(
            request("directline", "POST", "v3/directline/conversations/{id}/activities", "200")
                .count())
        .isEqualTo(1);
    assertThat(
            request("directline", "GET", "v3/directline/conversations/{id}/activities", "429")
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(HttpClientMetrics.RETRY_AFTER)
                .tag("client", "directline")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .isEqualTo(3);
    assertNoTagHolds("conv-42");
  }

  @Test
  void openCxRequestsNameTheRouteNotTheSession() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build());
    OpenCxClient client =
        new OpenCxClient(
            new OpenCxSettings(root(), "key", Duration.ofSeconds(2), Duration.ofSeconds(2)),
            registry);

    client.handoffEnded(
        "wa-session-9", "rep closed", "whatsapp-handoff-wa-session-9", Instant.now());

    assertThat(request("opencx", "POST", "v1/sessions/{id}/handoff-ended", "204").count())
        .isEqualTo(1);
    assertThatThrownBy(client::templates);
    assertThat(request("opencx", "GET", "v1/templates", "429").count()).isEqualTo(1);
    assertThat(
            registry
                .get(HttpClientMetrics.RETRY_AFTER)
                .tag("client", "opencx")
                .timer()
                .totalTime(TimeUnit.SECONDS))
        .isEqualTo(4);
    assertNoTagHolds("wa-session-9");
  }

  @Test
  void templatesReplaceIdsKeysAndOtherHosts() {
    PathTemplate dataverse =
        new PathTemplate(HttpUrl.get("https://org.crm.dynamics.com/api/data/v9.2/"), Set.of());
    assertThat(dataverse.template(url("https://org.crm.dynamics.com/api/data/v9.2/$batch")))
        .isEqualTo("$batch");
    assertThat(dataverse.template(url("https://org.crm.dynamics.com/api/data/v9.2/WhoAmI()")))
        .isEqualTo("WhoAmI()");
    assertThat(
            dataverse.template(
                url(
                    "https://org.crm.dynamics.com/api/data/v9.2/contacts(mobilephone='"
                        + "%2B14155550100')")))
        .isEqualTo("contacts({id})");
    assertThat(
            dataverse.template(
                url("https://org.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems/" + GUID)))
        .isEqualTo("msdyn_ocliveworkitems/{id}");
    PathTemplate directLine =
        new PathTemplate(
            HttpUrl.get("https://directline.botframework.com/"), Set.of("conversations"));
    assertThat(directLine.template(url("https://files.example.net/attachments/abc/views/original")))
        .isEqualTo("{external}");
    assertThat(
            directLine.template(
                url("https://directline.botframework.com/v3/directline/conversations/abc/upload")))
        .isEqualTo("v3/directline/conversations/{id}/upload");
  }

  /** The server's root URL without the trailing slash, as every client's base URL is set. */
  private String root() {
    String root = server.url("/").toString();
    return root.substring(0, root.length() - 1);
  }

  private DataverseClient dataverse() {
    return new DataverseClient(
        DataverseSettings.of(root(), GUID), new StaticTokenProvider("token"), registry);
  }

  private Timer request(String client, String method, String uri, String status) {
    return registry
        .get(HttpClientMetrics.REQUESTS)
        .tags("client", client, "method", method, "uri", uri, "status", status)
        .timer();
  }

  private void assertNoTagHolds(String... values) {
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain(values);
      }
    }
  }

  private static HttpUrl url(String url) {
    return HttpUrl.get(url);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
