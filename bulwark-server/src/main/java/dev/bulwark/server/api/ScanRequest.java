package dev.bulwark.server.api;

import dev.bulwark.core.Message;
import dev.bulwark.core.Trace;
import java.util.List;

/**
 * A {@code POST /v1/scan} body.
 *
 * @param id echoed in the answer when given, else null
 * @param message the single message to scan, or null for a trace
 * @param trace the messages to replay, or null for a single message
 * @param scanners the scanners to run instead of the configured ones, or null
 */
record ScanRequest(String id, Message message, Trace trace, List<String> scanners) {}
