package dev.tasker.core.dlq;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An operator's change to an investigation (Tasker's UpdateInvestigationRequest); a null field is left as it is.
 *
 * @param resolutionStatus the new status, or null
 */
public record DlqUpdate(DlqResolutionStatus resolutionStatus, String resolutionNotes, String resolvedBy, JsonNode metadata) {
}
