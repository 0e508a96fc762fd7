package adapters.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A DNS server for one name, on a UDP port of 127.0.0.1: answers its A queries with {@link #addresses} (none for
 * AAAA), NXDOMAIN while {@link #exists} is false, and nothing at all while {@link #silent} (a timeout).
 */
final class TinyDns implements AutoCloseable {

    volatile List<String> addresses = List.of();
    volatile boolean exists = true;
    volatile boolean silent;

    private final DatagramSocket socket;

    TinyDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "tiny-dns");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                if (silent) {
                    continue;
                }
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private byte[] answer(ByteBuffer query) throws IOException {
        short id = query.getShort(0);
        int end = 12;
        while (query.get(end) != 0) {
            end += query.get(end) + 1;
        }
        end += 1;
        int type = query.getShort(end);
        int questionEnd = end + 4;
        List<String> records = exists && type == 1 ? addresses : List.of();
        ByteBuffer out = ByteBuffer.allocate(512);
        out.putShort(id).putShort((short) (exists ? 0x8180 : 0x8183)).putShort((short) 1)
                .putShort((short) records.size()).putShort((short) 0).putShort((short) 0);
        out.put(query.array(), 12, questionEnd - 12);
        for (String address : records) {
            out.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(5).putShort((short) 4)
                    .put(InetAddress.getByName(address).getAddress());
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        socket.close();
    }
}
