import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of a Vert.x byte path, for bench/run's comparison: a forwarder with none of Drover's work (no routing,
 * no body parsing, no records, logs, metrics or breaker). Each event loop has its own server and its own keep-alive
 * client to the one node, as Drover's; the request body is read whole (Drover needs its model) and the answer is
 * streamed back chunk by chunk. Epoll transport, as Drover's.
 *
 *   java -cp "target/quarkus-app/lib/main/*" bench/BareVertxProxy.java <listen port> <node port> [event loops]
 */
public class BareVertxProxy extends AbstractVerticle {

    private final int listen;
    private final int node;

    BareVertxProxy(int listen, int node) {
        this.listen = listen;
        this.node = node;
    }

    public static void main(String[] args) {
        int listen = Integer.parseInt(args[0]);
        int node = Integer.parseInt(args[1]);
        int loops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        System.out.println("native transport: " + vertx.isNativeTransportEnabled());
        vertx.deployVerticle(() -> new BareVertxProxy(listen, node), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("listening on " + listen))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(512));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(in -> in.body()
                .onSuccess(body -> client.request(new RequestOptions().setMethod(in.method()).setHost("127.0.0.1")
                        .setPort(node).setURI(in.uri()))
                        .onSuccess(out -> {
                            out.putHeader("Content-Type", "application/json");
                            out.send(body).onSuccess(answer -> {
                                in.response().setStatusCode(answer.statusCode());
                                in.response().headers().addAll(answer.headers());
                                answer.handler(chunk -> in.response().write(chunk));
                                answer.endHandler(v -> in.response().end());
                            }).onFailure(e -> in.response().setStatusCode(502).end());
                        })
                        .onFailure(e -> in.response().setStatusCode(502).end())))
                .listen(listen);
    }
}
