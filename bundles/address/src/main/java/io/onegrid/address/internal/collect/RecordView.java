package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record of a form about a house or a resident.
 *
 * @param formVersion the version of the form the data was validated against
 * @param scopeCode   where the subject is (its grid or village): who may see the record
 * @param version     changes with every revision; send it back to revise
 */
public record RecordView(long id, String formCode, int formVersion, String subjectKind, String subjectId,
        String scopeCode, JsonNode data, String submittedBy, Instant submittedAt, String revisedBy, Instant revisedAt,
        long version) {
}
