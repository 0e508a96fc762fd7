package deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.smallrye.config.SmallRyeConfig;

import adapters.cli.ConfigPreflight;
import adapters.config.DiscoveryConfig;
import adapters.config.ServerConfig;
import testsupport.HiddenProperties;

/**
 * deploy/kubernetes as kubectl renders it, checked against the Kubernetes model (every field known, every value of
 * its type) and against what Drover needs: its config.yaml valid by Drover's own checks, probes on the health routes,
 * a grace period above the drain, the config mounted so that updates reach it, the RBAC discovery needs, a disruption
 * budget when there are several gateways, one gateway behind the Ingress when agents dial in.
 */
@ExtendWith(HiddenProperties.class)
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("deploy/kubernetes");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)}");

    @TempDir
    Path dir;

    private final List<String> properties = new ArrayList<>();

    @BeforeAll
    static void tools() {
        assumeTrue(Manifests.kubectl(), "kubectl is not installed here: deploy/kubernetes is not rendered (CI's"
                + " machine has it)");
    }

    @AfterEach
    void clear() {
        properties.forEach(System::clearProperty);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet", "sidecar", "relay"})
    void shouldRenderAGatewayThatProbesDrainsAndReloadsItsConfiguration(String layout) throws Exception {
        // Given
        List<HasMetadata> objects = Manifests.render(ROOT.resolve(layout));

        // When: the gateway's pod and its config.yaml
        Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> drover(d.getSpec().getTemplate().getSpec()).isPresent()).findFirst().orElseThrow();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container drover = drover(pod).orElseThrow();
        VolumeMount mount = drover.getVolumeMounts().stream().filter(m -> drover.getArgs().get(2)
                .startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
        String configMap = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow().getConfigMap().getName();
        String yaml = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals(configMap)).findFirst().orElseThrow().getData()
                .get(Path.of(drover.getArgs().get(2)).getFileName().toString());
        SmallRyeConfig config = check(yaml);
        ServerConfig server = config.getConfigMapping(ServerConfig.class);

        // Then
        assertThat(drover.getArgs()).startsWith("serve", "--config");
        assertThat(mount.getSubPath()).as("a subPath mount is never updated: no live reload").isNull();
        assertThat(drover.getPorts()).anyMatch(p -> p.getContainerPort() == server.port());
        assertThat(drover.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(drover.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(drover.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        long grace = Optional.ofNullable(pod.getTerminationGracePeriodSeconds()).orElse(30L);
        assertThat(grace).as("terminationGracePeriodSeconds above drain_timeout + 5 s")
                .isGreaterThan(server.drainTimeout().toSeconds() + 5);
        assertThat(drover.getResources().getLimits()).containsKey("memory");
        DiscoveryConfig discovery = config.getConfigMapping(DiscoveryConfig.class);
        if (discovery.kubernetes().enabled() && discovery.kubernetes().mode() == DiscoveryConfig.KubernetesMode.API) {
            assertThat(mayWatchEndpointSlices(objects, pod.getServiceAccountName())).as("RBAC for discovery").isTrue();
        }
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        if (replicas > 1 && !"sidecar".equals(layout)) {
            assertThat(objects).filteredOn(PodDisruptionBudget.class::isInstance).map(PodDisruptionBudget.class::cast)
                    .anyMatch(pdb -> deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }
        if (discovery.relay().enabled()) {
            assertThat(replicas).as("agents' links live in one gateway").isEqualTo(1);
            assertThat(objects).filteredOn(PodDisruptionBudget.class::isInstance).isEmpty();
            Ingress ingress = objects.stream().filter(Ingress.class::isInstance).map(Ingress.class::cast).findFirst()
                    .orElseThrow();
            String backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                    .getName();
            Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                    .filter(s -> s.getMetadata().getName().equals(backend)).findFirst().orElseThrow();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet())
                    .containsAll(service.getSpec().getSelector().entrySet());
        }
    }

    @Test
    void shouldRenderAServiceMonitorScrapingTheMetricsWithTheAdminKey() throws Exception {
        // When
        List<HasMetadata> objects = Manifests.render(ROOT.resolve("monitoring"));

        // Then
        GenericKubernetesResource monitor = (GenericKubernetesResource) objects.get(0);
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) monitor.get("spec", "endpoints")).get(0);
        assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("port", "http");
    }

    @Test
    void shouldShipASystemdUnitThatVerifiesAndOutwaitsTheDrain() throws Exception {
        // Given: the unit, pointed at a program that exists here
        Path unit = dir.resolve("drover.service");
        String text = Files.readString(Path.of("deploy/systemd/drover.service"));
        Files.writeString(unit, text.replace("/usr/local/bin/drover", "/bin/true"));
        assumeTrue(Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").anyMatch(p -> Files.isExecutable(
                Path.of(p))), "systemd-analyze is not installed here");

        // When
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                .start();
        String out = new String(verify.getInputStream().readAllBytes());

        // Then
        assertThat(verify.waitFor()).as(out).isZero();
        assertThat(out).isBlank();
        Matcher stop = Pattern.compile("TimeoutStopSec=(\\d+)").matcher(text);
        assertThat(stop.find()).isTrue();
        assertThat(Integer.parseInt(stop.group(1))).isGreaterThan(25 + 5);
        assertThat(text).contains("ExecReload=/bin/kill -HUP $MAINPID");
    }

    private static Optional<Container> drover(PodSpec pod) {
        return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .filter(c -> c.getName().equals("drover")).findFirst();
    }

    private static boolean mayWatchEndpointSlices(List<HasMetadata> objects, String account) {
        return objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getName().equals(account)))
                .flatMap(b -> objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                        .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())))
                .flatMap(r -> r.getRules().stream())
                .anyMatch(rule -> rule.getApiGroups().contains("discovery.k8s.io")
                        && rule.getResources().contains("endpointslices")
                        && rule.getVerbs().containsAll(List.of("get", "list", "watch")));
    }

    /**
     * The ConfigMap's config.yaml through Drover's own checks: secrets the pod reads from files are given inline,
     * and the environment variables it names are set.
     */
    private SmallRyeConfig check(String yaml) throws Exception {
        String inline = yaml.replaceAll("key_file: \\S+", "key: 'a-placeholder-key-for-the-check'")
                .replaceAll("token_file: \\S+", "token: placeholder");
        Matcher variables = VARIABLE.matcher(inline);
        while (variables.find()) {
            properties.add(variables.group(1));
            System.setProperty(variables.group(1), "a-placeholder-secret-of-at-least-32-bytes");
        }
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, inline);
        return ConfigPreflight.reread(file).config();
    }
}
