package com.opencx.handoff.activities.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

  @Test
  void capsRequestsInFlight() throws Exception {
    RequestPacer pacer = new RequestPacer(1000, 2);
    RequestPacer.Permit first = pacer.acquire();
    RequestPacer.Permit second = pacer.acquire();

    CompletableFuture<RequestPacer.Permit> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pacer.acquire();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThat(third).isNotDone();

    first.close();
    first.close(); // a second close must not free a second slot
    assertThat(third.get(2, TimeUnit.SECONDS)).isNotNull();
    CompletableFuture<RequestPacer.Permit> fourth =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pacer.acquire();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(100);
    assertThat(fourth).isNotDone();
    second.close();
    assertThat(fourth.get(2, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void spendsTheBurstThenKeepsToTheRate() throws Exception {
    RequestPacer pacer = new RequestPacer(20, 48);
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      pacer.acquire().close();
    }
    long burst = System.nanoTime() - start;
    for (int i = 0; i < 6; i++) {
      pacer.acquire().close();
    }
    long total = System.nanoTime() - start;

    assertThat(TimeUnit.NANOSECONDS.toMillis(burst)).isLessThan(150);
    // Six more at 20/s take about 300 ms.
    assertThat(TimeUnit.NANOSECONDS.toMillis(total)).isGreaterThanOrEqualTo(250);
  }
}
