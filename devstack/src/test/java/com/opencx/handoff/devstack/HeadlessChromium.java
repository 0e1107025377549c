package com.opencx.handoff.devstack;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} started headless for one test class, so that the agent inbox is tested
 * in the browser a person would use rather than only through its HTTP calls. The DevTools port is
 * chosen by Chromium ({@code --remote-debugging-port=0}) and read from the {@code
 * DevToolsActivePort} file it writes into its own user-data directory, so parallel runs never
 * collide on a port; the directory is deleted on close.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path workDir;
  private final URI browserEndpoint;

  private HeadlessChromium(Process process, Path workDir, URI browserEndpoint) {
    this.process = process;
    this.workDir = workDir;
    this.browserEndpoint = browserEndpoint;
  }

  /** The {@code chromium} executable on the PATH, if there is one. */
  static Optional<Path> onPath() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "chromium"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts {@code binary} headless with a fresh profile in {@code workDir}, deleted on close. */
  static HeadlessChromium start(Path binary, Path workDir) throws Exception {
    Path profile = Files.createDirectories(workDir).resolve("profile");
    Files.createDirectories(profile);
    Path log = workDir.resolve("chromium.log");
    List<String> command =
        List.of(
            binary.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile,
            "about:blank");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
      if (lines.size() >= 2 && !lines.get(1).isBlank()) { // the port, then the browser's path
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        return new HeadlessChromium(process, workDir, endpoint);
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IOException(
        "chromium wrote no DevToolsActivePort within " + START_TIMEOUT + ":\n" + tail(log));
  }

  /** A new tab of 1280 × 800 pixels at {@code url}, loaded. */
  DevToolsPage open(String url) throws Exception {
    DevToolsPage page = DevToolsPage.open(browserEndpoint, 1280, 800);
    page.navigate(url);
    return page;
  }

  @Override
  public void close() throws IOException {
    process.destroy(); // SIGTERM: Chromium shuts down its renderers and exits
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
