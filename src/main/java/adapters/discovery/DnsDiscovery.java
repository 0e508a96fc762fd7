package adapters.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;

import core.fleet.Node;
import core.fleet.NodeOrigin;
import ports.out.NodeDiscovery;

/**
 * Follows a DNS name (a headless Service, whose A/AAAA records are its ready pods) for clusters where the gateway may
 * not read the API: resolved at start and every {@code dns_interval}; each address is a node. A name that does not
 * exist (NXDOMAIN) has no nodes; a failed lookup (timeout, server error) changes nothing and is logged once.
 * Asynchronous, on the Vert.x event loop.
 */
final class DnsDiscovery implements NodeDiscovery, Stopping {

    private static final Logger LOG = Logger.getLogger("drover.discovery");

    private final Vertx vertx;
    private final ClusterSettings settings;
    private final NodeTemplate template;
    private final DiscoveredNodes nodes = new DiscoveredNodes();
    private final int port;
    private final String prefix;
    private DnsClient dns;
    private long timer = -1;
    /** A lookup is under way: the next tick does not start another (answers would arrive out of order). */
    private boolean resolving;
    private volatile String lastProblem;

    DnsDiscovery(Vertx vertx, ClusterSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.template = new NodeTemplate(settings.template());
        this.port = settings.port() == null ? 11434 : Integer.parseInt(settings.port());
        this.prefix = settings.dnsName().split("\\.", 2)[0];
    }

    @Override
    public NodeOrigin origin() {
        return NodeOrigin.DNS;
    }

    @Override
    public void start(Listener listener) {
        nodes.listen(listener);
        DnsClientOptions options = new DnsClientOptions().setQueryTimeout(2000);
        if (settings.dnsServer() != null) {
            int colon = settings.dnsServer().lastIndexOf(':');
            options.setHost(settings.dnsServer().substring(0, colon))
                    .setPort(Integer.parseInt(settings.dnsServer().substring(colon + 1)));
        }
        dns = vertx.createDnsClient(options);
        resolve();
        timer = vertx.setPeriodic(settings.resync().toMillis(), id -> resolve());
    }

    @Override
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void resolve() {
        if (resolving) {
            return;
        }
        resolving = true;
        Future<List<String>> v4 = lookup(dns.resolveA(settings.dnsName()));
        Future<List<String>> v6 = lookup(dns.resolveAAAA(settings.dnsName()));
        Future.join(v4, v6).onComplete(done -> {
            resolving = false;
            if (v4.failed() || v6.failed()) {
                Throwable error = v4.failed() ? v4.cause() : v6.cause();
                String problem = error.getMessage() == null ? error.toString() : error.getMessage();
                if (!problem.equals(lastProblem)) {
                    lastProblem = problem;
                    LOG.warnf("discovery.kubernetes: resolving %s failed (%s); the %d node(s) found so far stay",
                            settings.dnsName(), problem, nodes.size());
                }
                return;
            }
            lastProblem = null;
            List<String> addresses = new ArrayList<>(v4.result());
            addresses.addAll(v6.result());
            Map<String, Node> found = new LinkedHashMap<>();
            for (String address : addresses) {
                String name = NodeTemplate.name(null, prefix, address);
                found.putIfAbsent(name, template.node(name, address, port, null));
            }
            nodes.offer(found);
        });
    }

    /** The answer, with a name that does not exist (or has no such record) as no addresses. */
    private static Future<List<String>> lookup(Future<List<String>> query) {
        return query.recover(error -> error instanceof DnsException dns && dns.code() == DnsResponseCode.NXDOMAIN
                ? Future.succeededFuture(List.of())
                : Future.failedFuture(error));
    }
}
