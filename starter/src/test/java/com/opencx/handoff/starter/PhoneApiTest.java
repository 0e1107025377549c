package com.opencx.handoff.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencx.handoff.workflows.HandoffIds;
import com.opencx.handoff.workflows.model.HandoffRequest;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A phone number as people write it ({@code +44 20 7946 0958}) is accepted, and the workflow gets
 * it in E.164: the form Dataverse's phone match and the work item's context item rely on.
 */
class PhoneApiTest extends ApiTestSupport {

  @Test
  void aPhoneWithSpacesIsAcceptedAndTheWorkflowGetsItInE164() {
    String sessionId = newSessionId("spaced");
    Map<String, Object> body = startBody(sessionId);
    body.put("customer", Map.of("phone", "+44 20 7946 0958", "email", "ana@example.com"));

    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
    HistoryEvent started =
        temporal.fetchHistory(HandoffIds.workflowId(sessionId)).getHistory().getEvents(0);
    HandoffRequest input =
        temporal
            .getOptions()
            .getDataConverter()
            .fromPayloads(
                0,
                Optional.of(started.getWorkflowExecutionStartedEventAttributes().getInput()),
                HandoffRequest.class,
                HandoffRequest.class);
    assertThat(input.customer().phone()).isEqualTo("+442079460958");
  }

  @Test
  void aNumberThatIsNotValidForItsCountrySaysSo() {
    Map<String, Object> body = startBody(newSessionId("shortuk"));
    body.put("customer", Map.of("phone", "+44 20 7946 095"));

    Reply reply = post("/v1/handoffs", OPENCX_TOKEN, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("violations").get(0).path("rule").asText())
        .startsWith("is not a valid number for +44");
    assertThat(reply.body().toString()).doesNotContain("7946");
  }
}
