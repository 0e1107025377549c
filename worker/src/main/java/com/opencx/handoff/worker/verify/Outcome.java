package com.opencx.handoff.worker.verify;

/**
 * What one check found. Only {@link #FAIL} makes {@code verify} exit non-zero: a {@link #WARN} is
 * something that works but not as well as it could (bigger files becoming notes), and a {@link
 * #SKIP} is a check that could not run because one it depends on failed.
 */
public enum Outcome {
  PASS,
  WARN,
  FAIL,
  SKIP
}
