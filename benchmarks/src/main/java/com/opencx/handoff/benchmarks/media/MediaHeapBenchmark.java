package com.opencx.handoff.benchmarks.media;

import com.opencx.handoff.activities.dynamics.DataverseClient;
import com.opencx.handoff.activities.dynamics.DataverseSettings;
import com.opencx.handoff.activities.dynamics.StaticTokenProvider;
import com.opencx.handoff.activities.media.MediaActivitiesImpl;
import com.opencx.handoff.activities.media.MediaSettings;
import com.opencx.handoff.activities.opencx.OpenCxClient;
import com.opencx.handoff.activities.opencx.OpenCxSettings;
import com.opencx.handoff.benchmarks.BenchmarkSupport;
import com.opencx.handoff.emulators.DemoData;
import com.opencx.handoff.workflows.activities.MediaActivities.MediaAttachment;
import com.opencx.handoff.workflows.model.MediaItem;
import com.opencx.handoff.workflows.model.MediaOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Heap cost of one media upload through the real {@link MediaActivitiesImpl} ({@code OpenCxClient}
 * as the source, {@code DataverseClient} to the notes), against the emulators in a child JVM
 * ({@link MediaEmulators}) so that this JVM's heap is the client's alone. Per file size: warm-up
 * uploads, then rounds of two uploads each, one measuring the bytes the uploading thread allocated
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}; the whole JVM's {@code
 * getTotalThreadAllocatedBytes} beside it) and one measuring the peak live heap above the baseline
 * ({@link LiveHeapSampler}). Every upload is checked byte for byte at the emulator. Prints a
 * Markdown table: medians of the allocations, the highest peak.
 */
public final class MediaHeapBenchmark {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final double MB = 1024.0 * 1024.0;

  private MediaHeapBenchmark() {}

  /** {@code --sizes 4194304,16777216 --rounds 3 --warm-up 2 --label after}. */
  public static void main(String[] argv) throws Exception {
    Map<String, String> args = BenchmarkSupport.parse(argv);
    int[] sizes =
        Arrays.stream(args.getOrDefault("sizes", "4194304,16777216,67108864").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
    int warmUp = Integer.parseInt(args.getOrDefault("warm-up", "2"));
    String label = args.getOrDefault("label", "this build");
    try (ChildEmulators emulators = ChildEmulators.start(sizes)) {
      MediaActivitiesImpl media = media(emulators);
      List<String> rows = new ArrayList<>();
      for (int size : sizes) {
        Upload upload = new Upload(media, emulators, size);
        for (int i = 0; i < warmUp; i++) {
          upload.once();
        }
        long[] thread = new long[rounds];
        long[] total = new long[rounds];
        long peak = 0;
        int samples = 0;
        for (int r = 0; r < rounds; r++) {
          System.gc();
          long threadBefore = THREADS.getCurrentThreadAllocatedBytes();
          long totalBefore = THREADS.getTotalThreadAllocatedBytes();
          upload.once();
          thread[r] = THREADS.getCurrentThreadAllocatedBytes() - threadBefore;
          total[r] = THREADS.getTotalThreadAllocatedBytes() - totalBefore;
          long baseline = LiveHeapSampler.liveNow();
          try (LiveHeapSampler sampler = new LiveHeapSampler()) {
            upload.once();
            sampler.close();
            peak = Math.max(peak, sampler.peak() - baseline);
            samples += sampler.samples();
          }
        }
        rows.add(row(label, size, median(thread), median(total), peak, samples));
      }
      print(System.out, rounds, warmUp, rows);
    }
  }

  private static MediaActivitiesImpl media(ChildEmulators emulators) {
    Duration timeout = Duration.ofSeconds(60);
    DataverseSettings dataverse =
        new DataverseSettings(
            emulators.dataverseUrl,
            DemoData.WORKSTREAM_ID,
            true,
            false,
            1000,
            DataverseSettings.DEFAULT_MAX_CONCURRENT_REQUESTS,
            timeout,
            timeout);
    return new MediaActivitiesImpl(
        new OpenCxClient(
            new OpenCxSettings(emulators.openCxUrl, MediaEmulators.OPENCX_KEY, timeout, timeout)),
        new DataverseClient(dataverse, new StaticTokenProvider(MediaEmulators.DATAVERSE_TOKEN)),
        new MediaSettings(Integer.MAX_VALUE, Map.of(), null));
  }

  /** One file's uploads, each as a new note, checked at the emulator. */
  private record Upload(MediaActivitiesImpl media, ChildEmulators emulators, int size) {
    void once() throws Exception {
      String annotationId = UUID.randomUUID().toString();
      MediaOutcome outcome =
          media.attachMedia(
              new MediaAttachment(
                  MediaEmulators.SESSION,
                  emulators.workItemId,
                  annotationId,
                  new MediaItem(
                      MediaEmulators.mediaId(size), "video/mp4", (long) size, "clip.mp4", null),
                  null,
                  null));
      if (outcome.status() != MediaOutcome.Status.Attached) {
        throw new IllegalStateException("not attached: " + outcome);
      }
      emulators.check(annotationId, size);
    }
  }

  private static String row(
      String label, int size, long thread, long total, long peak, int samples) {
    return String.format(
        Locale.ROOT,
        "| %s | %.1f | %.1f | **%.2f** | %.1f | %.1f | **%.2f** | %d |",
        label,
        size / MB,
        thread / MB,
        (double) thread / size,
        total / MB,
        peak / MB,
        (double) peak / size,
        samples);
  }

  private static void print(PrintStream out, int rounds, int warmUp, List<String> rows) {
    out.printf(
        Locale.ROOT,
        "%n%d warm-up uploads, %d measured rounds per size; %s, %s, max heap %d MB%n%n",
        warmUp,
        rounds,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.println(
        "| build | file (MiB) | allocated, uploading thread (MiB) | ÷ file | allocated, whole JVM"
            + " (MiB) | peak live above baseline (MiB) | ÷ file | live samples |");
    out.println("|---|---|---|---|---|---|---|---|");
    rows.forEach(out::println);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The child JVM running {@link MediaEmulators}, talked to over its stdin and stdout. */
  private static final class ChildEmulators implements AutoCloseable {
    final Process process;
    final BufferedReader out;
    final PrintStream in;
    final String openCxUrl;
    final String dataverseUrl;
    final String workItemId;

    private ChildEmulators(Process process) throws Exception {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
      this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
      String ready = out.readLine();
      while (ready != null && !ready.startsWith("READY ")) {
        ready = out.readLine(); // log lines before it
      }
      if (ready == null) {
        throw new IllegalStateException("the emulators' JVM ended before it was ready");
      }
      String[] words = ready.split(" ");
      this.openCxUrl = words[1];
      this.dataverseUrl = words[2];
      this.workItemId = words[3];
    }

    /** Same java, JVM options and class path as this one; main class swapped. */
    static ChildEmulators start(int[] sizes) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      String child = MediaEmulators.class.getName();
      boolean launcher = false;
      for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (option.startsWith("-Dloader.main=")) {
          option = "-Dloader.main=" + child; // run through Spring Boot's PropertiesLauncher
          launcher = true;
        }
        command.add(option);
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(launcher ? System.getProperty("sun.java.command").split(" ")[0] : child);
      Arrays.stream(sizes).forEach(size -> command.add(Integer.toString(size)));
      return new ChildEmulators(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    void check(String annotationId, int size) throws Exception {
      in.println("CHECK " + annotationId + " " + size);
      String answer = out.readLine();
      while (answer != null && !answer.equals("OK") && !answer.equals("MISMATCH")) {
        answer = out.readLine();
      }
      if (!"OK".equals(answer)) {
        throw new IllegalStateException("the note's file differs from the source: " + answer);
      }
    }

    @Override
    public void close() throws Exception {
      in.close();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
      }
    }
  }
}
