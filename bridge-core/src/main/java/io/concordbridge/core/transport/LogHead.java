package io.concordbridge.core.transport;

/**
 * The newest transaction an origin has published: where its capture resumes, and what it must not
 * publish twice.
 *
 * @param seq         its sequence number
 * @param txId        its origin transaction id (null for an anchor that carries only a position)
 * @param position    origin log position, human readable
 * @param resumeToken the capture's opaque resume token
 * @param stampMicros the highest stamp micros published so far (the clock never goes below it)
 */
public record LogHead(long seq, String txId, String position, String resumeToken, long stampMicros) {
}
