package com.opencx.handoff.benchmarks.relay;

import com.opencx.handoff.devstack.DevStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rep → customer latency: the rep replies in a conversation ({@code DirectLineEmulator.repReply},
 * in-process) and the clock runs until that text is among the messages the OpenCX emulator received
 * for the session (polled every 5 ms), i.e. the relay read it, the handoff was signalled, its
 * workflow ran the delivery activity and OpenCX answered. Replies go out in batches, all of a batch
 * at once, the next batch once the last of this one arrived; whether the conversation's WebSocket
 * was open when the rep wrote is noted for each reply.
 */
public final class ReplyTimer {

  /** A conversation the rep writes into: its OpenCX session and Direct Line conversation. */
  public record Target(String sessionId, String conversationId) {}

  /** The measured replies: latencies sorted (ms), how many were streamed, how many never came. */
  public record Result(long[] sortedMillis, int streamed, int lost, double seconds) {
    public long p50() {
      return at(0.50);
    }

    public long p95() {
      return at(0.95);
    }

    public long max() {
      return sortedMillis.length == 0 ? -1 : sortedMillis[sortedMillis.length - 1];
    }

    private long at(double q) {
      if (sortedMillis.length == 0) {
        return -1;
      }
      return sortedMillis[Math.min(sortedMillis.length - 1, (int) (sortedMillis.length * q))];
    }
  }

  private final DevStack stack;
  private final Duration batchTimeout;

  public ReplyTimer(DevStack stack, Duration batchTimeout) {
    this.stack = stack;
    this.batchTimeout = batchTimeout;
  }

  private static final class InFlight {
    final Target target;
    final String text;
    final long sentAt;

    InFlight(Target target, String text, long sentAt) {
      this.target = target;
      this.text = text;
      this.sentAt = sentAt;
    }
  }

  /**
   * Replies once in each target, {@code batch} at a time, each batch's sends spread over {@code
   * spread}; {@code label} makes each text unique.
   */
  public Result measure(List<Target> targets, int batch, Duration spread, String label)
      throws InterruptedException {
    List<Long> millis = new ArrayList<>();
    int streamed = 0;
    int lost = 0;
    long start = System.nanoTime();
    for (int from = 0; from < targets.size(); from += batch) {
      List<InFlight> pending = new ArrayList<>();
      List<Target> toSend =
          new ArrayList<>(targets.subList(from, Math.min(targets.size(), from + batch)));
      long batchStart = System.nanoTime();
      long step = spread.toNanos() / toSend.size();
      long deadline = batchStart + spread.toNanos() + batchTimeout.toNanos();
      for (int i = 0; !toSend.isEmpty() || !pending.isEmpty(); ) {
        if (System.nanoTime() > deadline) {
          break;
        }
        while (!toSend.isEmpty() && System.nanoTime() >= batchStart + i * step) {
          Target target = toSend.remove(0);
          i++;
          if (stack.directLine.isStreaming(target.conversationId())) {
            streamed++;
          }
          String text = label + " reply to " + target.sessionId();
          long sentAt = System.nanoTime();
          stack.directLine.repReply(target.conversationId(), text);
          pending.add(new InFlight(target, text, sentAt));
        }
        for (Iterator<InFlight> it = pending.iterator(); it.hasNext(); ) {
          InFlight reply = it.next();
          if (arrived(reply)) {
            millis.add((System.nanoTime() - reply.sentAt) / 1_000_000L);
            it.remove();
          }
        }
        Thread.sleep(5);
      }
      lost += pending.size() + toSend.size();
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(sorted, streamed, lost, (System.nanoTime() - start) / 1e9);
  }

  private boolean arrived(InFlight reply) {
    for (Map<String, Object> message : stack.openCx.agentMessages(reply.target.sessionId())) {
      if (reply.text.equals(message.get("text"))) {
        return true;
      }
    }
    return false;
  }
}
