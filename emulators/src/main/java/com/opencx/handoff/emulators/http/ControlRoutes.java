package com.opencx.handoff.emulators.http;

/**
 * An emulator's own control routes under {@code /emulator/} (seed data, for example), served by the
 * shared {@link ControlPlane} after its key check and beside its fault and limit routes.
 */
public interface ControlRoutes {

  /** No routes of the emulator's own. */
  ControlRoutes NONE =
      new ControlRoutes() {
        @Override
        public boolean claims(String path) {
          return false;
        }

        @Override
        public Response handle(Request request) {
          throw new IllegalStateException("no routes");
        }
      };

  /** True when {@code path} is one of these routes (the control plane then answers it). */
  boolean claims(String path);

  /**
   * Answers a request whose key has been checked; a {@link ControlFields.BadField} or other {@link
   * IllegalArgumentException} becomes a 400.
   */
  Response handle(Request request) throws Exception;
}
