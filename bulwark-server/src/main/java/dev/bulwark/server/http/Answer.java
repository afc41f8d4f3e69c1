package dev.bulwark.server.http;

import java.util.Map;

/**
 * The one answer to a {@link Request}, ready for the transport to write.
 *
 * @param headers besides {@code Content-Length}, {@code Connection} and {@code Date}, which the transport sets
 * @param close true when the connection must be closed after this answer
 * @param streamed true when the route sent the answer itself in pieces ({@link ResponseChannel}): nothing is left to
 *     write
 */
public record Answer(int status, Map<String, String> headers, byte[] body, boolean close, boolean streamed) {}
