package adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.awaitNoneInFlight;
import static testsupport.Gateway.healthyFleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import testsupport.Neighbour;
import testsupport.SimFleet;

/**
 * Hostile and broken input thrown at the gateway: every case gets a 4xx (never a 5xx, never a hang), and a client
 * using the gateway normally at the same time notices nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class BadInputIT {

    private static final int MB = 1024 * 1024;

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerEveryBadInputWithA4xxWhileNormalTrafficFlows() throws Exception {
        // Given: a client chatting normally the whole time
        healthyFleet();
        Neighbour neighbour = Neighbour.chattingWith(root);
        Map<String, Integer> answers = new LinkedHashMap<>();

        // When
        answers.put("malformed JSON", post("{\"model\": \"llama3.2\", "));
        answers.put("model is a number", post("{\"model\": 5}"));
        answers.put("model is an object", post("{\"model\": {\"name\": \"llama3.2\"}}"));
        answers.put("body is an array", post("[\"llama3.2\"]"));
        answers.put("invalid UTF-8", post(concat("{\"model\":\"llama3.2\",\"prompt\":\"".getBytes(
                StandardCharsets.US_ASCII), new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                "\"}".getBytes(
                        StandardCharsets.US_ASCII))));
        answers.put("10 MB unterminated JSON", post("{\"model\":\"llama3.2\",\"prompt\":\"" + "a".repeat(10 * MB)));
        answers.put("100 MB declared", exchange(("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + 100 * MB + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII)));
        answers.put("40 MB chunked", chunked(40 * MB));
        answers.put("deeply nested JSON", post("{\"model\":\"llama3.2\",\"x\":" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}"));
        answers.put("model with ../", post("{\"model\":\"../../etc/passwd\",\"messages\":[]}"));
        answers.put("model with NUL", post("{\"model\":\"llama3.2\\u0000\",\"messages\":[]}"));
        answers.put("model with CRLF", post("{\"model\":\"llama3.2\\r\\nX-Evil: 1\",\"messages\":[]}"));
        answers.put("500 headers", exchange(("GET /api/tags HTTP/1.1\r\nHost: x\r\n" + headers(500) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        answers.put("one 64 KB header", exchange(("GET /api/tags HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(
                64 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        answers.put("20 KB request line", exchange(("GET /api/tags?q=" + "q".repeat(20 * 1024)
                + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        answers.put("body that never finishes", exchange(("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 100"
                + "\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII)));
        neighbour.close();

        // Then
        assertThat(answers).containsEntry("malformed JSON", 400).containsEntry("model is a number", 400)
                .containsEntry("model is an object", 400).containsEntry("body is an array", 400)
                .containsEntry("invalid UTF-8", 400).containsEntry("10 MB unterminated JSON", 400)
                .containsEntry("100 MB declared", 413).containsEntry("40 MB chunked", 413)
                .containsEntry("deeply nested JSON", 400).containsEntry("model with ../", 400)
                .containsEntry("model with NUL", 400).containsEntry("model with CRLF", 400)
                .containsEntry("500 headers", 431).containsEntry("one 64 KB header", 431)
                .containsEntry("20 KB request line", 414).containsEntry("body that never finishes", 408);
        assertThat(neighbour.statuses()).isNotEmpty().containsOnly(200);
        awaitNoneInFlight();
    }

    private int post(String body) throws IOException {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private int post(byte[] body) throws IOException {
        byte[] head = ("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return exchange(concat(head, body));
    }

    private int chunked(int size) throws IOException {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("100000\r\n" + "c".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < size; sent += 0x100000) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // The gateway answered and closed before the whole body was sent: read its answer below.
            }
            return status(socket.getInputStream());
        }
    }

    private int exchange(byte[] request) throws IOException {
        try (Socket socket = socket()) {
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // as above
            }
            return status(socket.getInputStream());
        }
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    private static String headers(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Header-").append(i).append(": v\r\n");
        }
        return headers.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
