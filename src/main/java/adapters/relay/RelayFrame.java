package adapters.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One message of the relay link between the gateway and an agent, carried in one binary WebSocket frame:
 * {@code type (1 byte) | stream id (4 bytes, big-endian) | payload}. Stream 0 is the link itself; every proxied request
 * has its own id, so many requests share one connection. See {@code docs/relay.md}, "The protocol".
 */
public record RelayFrame(Type type, int stream, ByteBuffer payload) {

    /** The header in front of every payload. */
    public static final int HEADER_BYTES = 5;

    /** Frame types and who sends them. */
    public enum Type {
        /** agent → gateway, stream 0: who the agent is (JSON). */
        HELLO(0x01),
        /** gateway → agent, stream 0: accepted, with the initial credit per stream (JSON). */
        WELCOME(0x02),
        /** gateway → agent: a request to forward: head length (4 bytes), head JSON, body bytes. */
        REQUEST(0x10),
        /** gateway → agent: the client left; stop the request and forget the stream. */
        CANCEL(0x11),
        /** gateway → agent: the agent may send this many more response chunks on the stream (4 bytes). */
        CREDIT(0x12),
        /** agent → gateway: the node's status and headers (JSON). */
        RESPONSE_HEAD(0x20),
        /** agent → gateway: one chunk of the node's body, as the node sent it. */
        RESPONSE_CHUNK(0x21),
        /** agent → gateway: the node's body ended. */
        RESPONSE_END(0x22),
        /** agent → gateway: the request failed at the agent (node unreachable, cut mid-answer); UTF-8 message. */
        ERROR(0x23);

        final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new MalformedFrameException("unknown frame type 0x" + Integer.toHexString(code));
        }
    }

    /** A frame that does not follow the protocol; the receiver closes the link with code 1002. */
    public static final class MalformedFrameException extends RuntimeException {

        MalformedFrameException(String message) {
            super(message);
        }
    }

    public RelayFrame {
        Objects.requireNonNull(type, "type");
        if (stream < 0) {
            throw new IllegalArgumentException("stream ids are not negative: " + stream);
        }
        payload = payload == null ? ByteBuffer.allocate(0) : payload.asReadOnlyBuffer();
    }

    public static RelayFrame text(Type type, int stream, String text) {
        return new RelayFrame(type, stream, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static RelayFrame credit(int stream, int chunks) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("credit must be positive: " + chunks);
        }
        return new RelayFrame(Type.CREDIT, stream, ByteBuffer.allocate(4).putInt(0, chunks));
    }

    /** A REQUEST frame: the head as JSON, then the body. */
    public static RelayFrame request(int stream, String headJson, ByteBuffer body) {
        byte[] head = headJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer content = body.duplicate();
        ByteBuffer payload = ByteBuffer.allocate(4 + head.length + content.remaining());
        payload.putInt(head.length).put(head).put(content).flip();
        return new RelayFrame(Type.REQUEST, stream, payload);
    }

    /** The whole frame, ready to send. */
    public ByteBuffer encode() {
        ByteBuffer data = payload.duplicate();
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + data.remaining());
        frame.put((byte) type.code).putInt(stream).put(data).flip();
        return frame;
    }

    public static RelayFrame decode(ByteBuffer frame) {
        ByteBuffer data = frame.duplicate();
        if (data.remaining() < HEADER_BYTES) {
            throw new MalformedFrameException("frame of " + data.remaining() + " bytes is shorter than its header");
        }
        Type type = Type.of(data.get() & 0xff);
        int stream = data.getInt();
        if (stream < 0) {
            throw new MalformedFrameException("negative stream id");
        }
        if ((type == Type.HELLO || type == Type.WELCOME) != (stream == 0)) {
            throw new MalformedFrameException(type + " on stream " + stream);
        }
        RelayFrame decoded = new RelayFrame(type, stream, data.slice());
        if (type == Type.CREDIT && (decoded.payload.remaining() != 4 || decoded.payload.getInt(0) <= 0)) {
            throw new MalformedFrameException("CREDIT carries one positive 4-byte count");
        }
        if (type == Type.REQUEST) {
            decoded.requestHeadLength();
        }
        return decoded;
    }

    /** The payload as UTF-8 text (HELLO, WELCOME, RESPONSE_HEAD, ERROR). */
    public String text() {
        return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
    }

    /** The chunk count of a CREDIT frame. */
    public int credit() {
        return payload.getInt(0);
    }

    /** The head JSON of a REQUEST frame. */
    public String requestHead() {
        int length = requestHeadLength();
        ByteBuffer head = payload.duplicate().position(4).limit(4 + length);
        return StandardCharsets.UTF_8.decode(head).toString();
    }

    /** The body of a REQUEST frame. */
    public ByteBuffer requestBody() {
        return payload.duplicate().position(4 + requestHeadLength()).slice();
    }

    private int requestHeadLength() {
        if (payload.remaining() < 4) {
            throw new MalformedFrameException("REQUEST without a head length");
        }
        int length = payload.getInt(0);
        if (length < 2 || length > payload.remaining() - 4) {
            throw new MalformedFrameException("REQUEST head length " + length + " does not fit the frame");
        }
        return length;
    }
}
