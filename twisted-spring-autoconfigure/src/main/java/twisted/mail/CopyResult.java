package twisted.mail;

import java.util.List;

/**
 * Where copied, moved or appended messages went: UIDPLUS's {@code COPYUID} and {@code APPENDUID}
 * (RFC 4315).
 *
 * @param uidValidity the target folder's UID validity
 * @param sourceUids the messages' UIDs in the source folder, ascending (empty for an append)
 * @param targetUids their UIDs in the target folder, in the same order
 * @since 0.1.0
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids) {

    /**
     * Copies the lists.
     *
     * @param uidValidity the target's UID validity
     * @param sourceUids the source UIDs
     * @param targetUids the target UIDs
     */
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
    }
}
