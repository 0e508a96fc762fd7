package adapters.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.Gateway.await;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import testsupport.Gateway;
import testsupport.SimFleet;

/**
 * Tracing on: each proxied request is a span that continues the client's trace and records the routing decision,
 * each attempt on a node is a child span, and the node receives that attempt as its parent in {@code traceparent}.
 * Two WireMock nodes hold {@code traced:1b}: "traced" answers, "flaky" answers 503 before its first byte.
 */
@QuarkusTest
@TestProfile(TracedGateway.class)
@QuarkusTestResource(value = SimFleet.class, restrictToAnnotatedClass = false)
class TracingIT {

    private static final String MODEL = "traced:1b";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static WireMockServer traced;
    private static WireMockServer flaky;

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void nodes() {
        traced = node();
        traced.stubFor(post("/api/chat").willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson")
                .withBody("{\"model\":\"traced:1b\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"done\":false}\n"
                        + "{\"model\":\"traced:1b\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":3,"
                        + "\"eval_duration\":3000000}\n")));
        flaky = node();
        flaky.stubFor(post("/api/chat").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"server busy\"}")));
    }

    @AfterAll
    static void stopNodes() {
        traced.stop();
        flaky.stop();
    }

    @BeforeEach
    void fleet() {
        add("traced", traced);
        add("flaky", flaky);
        RecordedSpans.SPANS.reset();
        traced.resetRequests();
    }

    @AfterEach
    void undrain() {
        given().post("/admin/endpoints/traced/undrain");
        given().post("/admin/endpoints/flaky/undrain");
    }

    @Test
    void shouldContinueTheClientsTraceAndGiveTheNodeItsAttemptAsParent() {
        // Given: only "traced" can take the model
        given().post("/admin/endpoints/flaky/drain").then().statusCode(200);

        // When
        Response response = chatInTrace();

        // Then: the client got its answer
        response.then().statusCode(200).header("X-Drover-Endpoint", "traced");
        SpanData request = awaitSpans(1, SpanKind.SERVER).get(0);
        SpanData attempt = awaitSpans(1, SpanKind.CLIENT).get(0);
        // the request span continues the client's trace and says what routing decided
        assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(request.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(request.getName()).isEqualTo("POST /api/chat");
        assertThat(attribute(request, "gen_ai.request.model")).isEqualTo(MODEL);
        assertThat(attribute(request, "drover.endpoint")).isEqualTo("traced");
        assertThat(number(request, "drover.attempts")).isEqualTo(1);
        assertThat(number(request, "http.response.status_code")).isEqualTo(200);
        assertThat(number(request, "gen_ai.usage.input_tokens")).isEqualTo(7);
        assertThat(number(request, "gen_ai.usage.output_tokens")).isEqualTo(3);
        assertThat(attribute(request, "drover.request_id")).isEqualTo(response.header("X-Drover-Request-Id"));
        // the attempt span is the request's child, and it is the parent the node was given
        assertThat(attempt.getName()).isEqualTo("attempt traced");
        assertThat(attempt.getParentSpanId()).isEqualTo(request.getSpanId());
        String nodeSaw = traced.findAll(postRequestedFor(urlPathEqualTo("/api/chat"))).get(0)
                .getHeader("traceparent");
        assertThat(nodeSaw).isEqualTo("00-" + TRACE_ID + "-" + attempt.getSpanId() + "-01");
    }

    @Test
    void shouldShowEachAttemptWhenOneNodeFailsAndAnotherAnswers() {
        // Given / When: requests until one starts on "flaky" (least connections lets tied nodes take turns)
        Response retried = null;
        for (int i = 0; i < 20 && retried == null; i++) {
            Response response = chatInTrace();
            response.then().statusCode(200).header("X-Drover-Endpoint", "traced");
            if ("2".equals(response.header("X-Drover-Attempts"))) {
                retried = response;
            } else {
                pause();
            }
        }
        assertThat(retried).as("a request that was retried after flaky's 503").isNotNull();

        // Then: its request span names the node that answered after two attempts, and both attempts are its children
        String id = retried.header("X-Drover-Request-Id");
        // The request span ends just after the client has the whole answer: wait for it rather than assume it.
        await("the retried request's spans", () -> spans(SpanKind.SERVER).stream()
                .anyMatch(s -> id.equals(attribute(s, "drover.request_id"))) && children(request(id)).size() == 2);
        SpanData request = request(id);
        assertThat(attribute(request, "drover.endpoint")).isEqualTo("traced");
        assertThat(number(request, "drover.attempts")).isEqualTo(2);
        List<SpanData> attempts = children(request);
        SpanData first = attempts.stream().filter(s -> number(s, "drover.attempt") == 1).findFirst().orElseThrow();
        SpanData second = attempts.stream().filter(s -> number(s, "drover.attempt") == 2).findFirst().orElseThrow();
        assertThat(attribute(first, "drover.endpoint")).isEqualTo("flaky");
        assertThat(number(first, "http.response.status_code")).isEqualTo(503);
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attribute(second, "drover.endpoint")).isEqualTo("traced");
        assertThat(number(second, "http.response.status_code")).isEqualTo(200);
        assertThat(second.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void shouldRecordWhyNoNodeCouldTakeTheRequest() {
        // Given: both holders of the model drained
        given().post("/admin/endpoints/traced/drain").then().statusCode(200);
        given().post("/admin/endpoints/flaky/drain").then().statusCode(200);

        // When
        chatInTrace().then().statusCode(503);

        // Then
        SpanData request = awaitSpans(1, SpanKind.SERVER).get(0);
        assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attribute(request, "drover.failure")).contains("traced (drained)").contains("flaky (drained)");
        assertThat(number(request, "http.response.status_code")).isEqualTo(503);
        assertThat(RecordedSpans.SPANS.getFinishedSpanItems()).noneMatch(s -> s.getKind() == SpanKind.CLIENT);
    }

    @Test
    void shouldTraceOnlyProxiedRequests() {
        // Given: health probes and model refreshes run all the time in this fleet
        given().post("/admin/endpoints/flaky/drain").then().statusCode(200);
        given().get("/admin/endpoints").then().statusCode(200);

        // When
        chatInTrace().then().statusCode(200);

        // Then: nothing but Drover's own spans is traced: no probe, no admin call, no database statement
        awaitSpans(1, SpanKind.SERVER);
        assertThat(RecordedSpans.SPANS.getFinishedSpanItems())
                .allMatch(s -> s.getName().equals("POST /api/chat") || s.getName().equals("attempt traced"));
    }

    @Test
    void shouldNotSpendTheMetersTimeLookingForTraceIds() {
        // Given: a meter recorded inside a sampled span, the case where a Prometheus exemplar would be kept
        Span span = openTelemetry.getTracer("test").spanBuilder("outside Drover").startSpan();
        try (Scope scope = span.makeCurrent()) {
            Counter.builder("drover.test.exemplar").register(registry).increment();
        } finally {
            span.end();
        }

        // When
        String page = given().accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get("/q/metrics")
                .then().statusCode(200).extract().asString();

        // Then: no meter consults the tracer (Drover makes none of its spans current, so an exemplar could only
        // ever be empty; sampling cost every recorded request a lookup)
        assertThat(page).contains("drover_test_exemplar_total 1.0").doesNotContain("trace_id");
    }

    private static Response chatInTrace() {
        return given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
                .body("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/api/chat");
    }

    private static List<SpanData> awaitSpans(int count, SpanKind kind) {
        await(count + " " + kind + " spans", () -> spans(kind).size() >= count);
        return spans(kind);
    }

    private static List<SpanData> spans(SpanKind kind) {
        return RecordedSpans.SPANS.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind).toList();
    }

    private static SpanData request(String requestId) {
        return spans(SpanKind.SERVER).stream().filter(s -> requestId.equals(attribute(s, "drover.request_id")))
                .findFirst().orElseThrow();
    }

    private static List<SpanData> children(SpanData parent) {
        return spans(SpanKind.CLIENT).stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static long number(SpanData span, String key) {
        Long value = span.getAttributes().get(AttributeKey.longKey(key));
        return value == null ? -1 : value;
    }

    private static void add(String name, WireMockServer node) {
        List<Map<String, Object>> endpoints = given().get("/admin/endpoints").then().extract().path("endpoints");
        if (endpoints.stream().noneMatch(e -> name.equals(e.get("name")))) {
            given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:"
                    + node.port() + "\"}").post("/admin/endpoints").then().statusCode(201);
        }
        await(name + " routable", () -> Boolean.TRUE.equals(Gateway.nodeView(name).get("routable"))
                && Gateway.models(name).contains(MODEL));
    }

    private static WireMockServer node() {
        WireMockServer node = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
        node.start();
        SimFleet.stubOllamaNode(node, MODEL);
        return node;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
