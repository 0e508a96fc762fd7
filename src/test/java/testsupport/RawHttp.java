package testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 as raw bytes on a socket, for requests no well-behaved client library would send. */
public final class RawHttp {

    /** One answer: status, head (status line and headers, one per line) and body. */
    public record Answer(int status, String head, String body) {
    }

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends the bytes as given (ISO-8859-1) and reads one answer. */
    public Answer exchange(String request) throws IOException {
        try (Socket socket = socket()) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // The gateway answered and closed before everything was sent: read its answer below.
            }
            return answer(socket.getInputStream());
        }
    }

    /** Sends a head, then a chunked body of {@code size} bytes in 64 KB chunks (or until the gateway hangs up). */
    public Answer chunked(String head, int size) throws IOException {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + "c".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < size; sent += 0x10000) {
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // as above
            }
            return answer(socket.getInputStream());
        }
    }

    /**
     * POSTs a JSON body to {@code path}, reads the streamed answer until {@code lines} lines starting with
     * {@code prefix} have come, and hangs up: a client that leaves mid-answer.
     */
    public void hangUpAfter(String path, String json, String prefix, int lines) throws IOException {
        try (Socket socket = socket()) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int seen = 0;
            for (String line = in.readLine(); line != null && seen < lines; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    seen++;
                }
            }
        }
    }

    public Socket socket() throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** Reads one answer with a Content-Length body; the connection may stay open after it. */
    public static Answer answer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        long length = 0;
        while ((b = in.read()) >= 0) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            if (text.isEmpty()) {
                break;
            }
            head.append(text).append('\n');
            if (text.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(text.substring(15).strip());
            }
        }
        String[] parts = head.toString().split(" ", 3);
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        byte[] body = in.readNBytes((int) length);
        return new Answer(status, head.toString(), new String(body, StandardCharsets.UTF_8));
    }
}
