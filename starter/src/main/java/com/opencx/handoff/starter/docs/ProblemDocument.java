package com.opencx.handoff.starter.docs;

import com.opencx.handoff.starter.api.RequestValidator.Violation;
import com.opencx.handoff.workflows.model.Phase;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Every refusal's body as the OpenAPI description shows it: the RFC 9457 members Spring's {@code
 * ProblemDetail} writes and the extensions {@code Problems} adds. Documentation only; nothing
 * builds one.
 */
@Schema(
    name = "Problem",
    description =
        "An RFC 9457 problem detail, served as application/problem+json. Branch on error, the"
            + " stable code.")
record ProblemDocument(
    @Schema(
            description =
                "about:blank: the status says what kind of problem it is, error which one.",
            format = "uri",
            example = "about:blank")
        String type,
    @Schema(description = "The status's phrase.", example = "Conflict") String title,
    @Schema(description = "The HTTP status.", example = "409") int status,
    @Schema(
            description = "What went wrong, for a person to read.",
            example = "nothing is parked: there is nothing to retry")
        String detail,
    @Schema(
            description =
                "The request's path; absent when Tomcat refused a request it could not read.",
            format = "uri-reference",
            example = "/v1/ops/handoffs/sess-2026-11-24-0001/retry")
        String instance,
    @Schema(
            description =
                "The stable code: invalid_request, not_found, handoff_ended, temporal_unavailable,"
                    + " worker_did_not_answer, not_parked, not_skippable, action_pending,"
                    + " handoff_ending, workstream_not_changeable, unauthorized, forbidden,"
                    + " body_too_large, unsupported_media_type, method_not_allowed, bad_request,"
                    + " internal_error, wrong_namespace, codec_unavailable, undecodable_payload,"
                    + " unencodable_payload.",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "not_parked")
        String error,
    @Schema(
            description = "The same as detail, for clients of the old shape; removed next release.",
            deprecated = true)
        String message,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description = "Each field that broke a rule; empty for other problems.",
                    requiredMode = Schema.RequiredMode.REQUIRED))
        List<Violation> violations,
    @Schema(description = "handoff_ended only: the phase the handoff ended in.") Phase phase) {}
