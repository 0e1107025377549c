package com.opencx.handoff.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SessionLogContextTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "/v1/handoffs/s-42, s-42",
        "/v1/handoffs/s-42/messages, s-42",
        "/v1/ops/handoffs/wa_9/retry, wa_9",
        "/v1/handoffs, none",
        "/v1/ops/handoffs, none",
        "/v1/handoffs/+4915112345678, none",
        "/v1/handoffs/s-1/messages/extra, none",
        "/codec/decode, none",
      })
  void theSessionOfTheRequestIsInTheLogContextWhileItIsServed(String path, String expected)
      throws Exception {
    List<String> seen = new ArrayList<>();
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);

    new SessionLogContext()
        .doFilter(
            request,
            new MockHttpServletResponse(),
            (req, res) -> seen.add(MDC.get(SessionLogContext.KEY)));

    assertThat(seen).containsExactly(expected);
    assertThat(MDC.get(SessionLogContext.KEY)).isNull();
  }
}
