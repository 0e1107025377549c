package com.opencx.handoff.worker.temporal;

import java.util.concurrent.ThreadFactory;

/**
 * The worker's own background threads (Temporal connect, the Dataverse hold): named, so a thread
 * dump says what each is, and daemons, so none keeps a stopping process alive.
 */
final class DaemonThreads {

  private DaemonThreads() {}

  static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
