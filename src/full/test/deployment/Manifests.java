package deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The objects a kustomization renders to, read with the Kubernetes model strictly: a field the model does not know
 * (a typo, a wrong indentation) fails, as do values of the wrong type. Kinds the model lacks (a ServiceMonitor) are
 * read as generic objects.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    static boolean kubectl() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code kubectl kustomize dir}, each object read strictly. */
    static List<HasMetadata> render(Path dir) throws Exception {
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true)
                .start();
        String yaml = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as("kubectl kustomize %s: %s", dir, yaml).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---$")) {
            if (document.isBlank()) {
                continue;
            }
            HasMetadata object = SERIALIZATION.unmarshal(document);
            List<String> unknown = new ArrayList<>();
            if (!(object instanceof GenericKubernetesResource)) {
                unknownFields(object, object.getKind(), unknown, new IdentityHashMap<>());
            }
            assertThat(unknown).as("fields the Kubernetes API does not have, in %s %s/%s", dir.getFileName(),
                    object.getKind(), object.getMetadata().getName()).isEmpty();
            objects.add(object);
        }
        return objects;
    }

    /** Fields of {@code value} (and below) that the model kept aside as unknown, by path. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Object> seen) {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }
}
