package com.opencx.handoff.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRateTest {

  @Test
  void theStatusIsTheLastWordBeforeTheNoteEvenWhenTheQueryHoldsSpaces() {
    assertThat(
            RequestRate.byStatus(
                List.of(
                    "GET /api/data/v9.2/contacts?$filter=emailaddress1 eq 'a@example.com' 200",
                    "GET /api/data/v9.2/contacts?$filter=emailaddress1 eq 'b@example.com' 429",
                    "POST /api/data/v9.2/$batch 200 [changeset[PATCH msdyn_ocliveworkitems(1) 204]]",
                    "POST /api/data/v9.2/$batch 429",
                    "PATCH /api/data/v9.2/annotations(2) DROPPED")))
        .containsEntry("200", 2L)
        .containsEntry("429", 2L)
        .containsEntry("DROPPED", 1L)
        .hasSize(3);
  }
}
