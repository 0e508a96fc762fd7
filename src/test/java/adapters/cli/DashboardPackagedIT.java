package adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import adapters.sim.SimSettings;
import adapters.sim.SimulatedOllama;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven through its chromedriver), served by the
 * packaged gateway in front of three simulated nodes with 800 ms cold loads, as {@code drover demo} has them, and a
 * fourth that dials in through the relay ({@code drover agent}) and lists a model named like markup. An
 * admin key is configured, so the page on this machine sees the fleet without one but may act only with it.
 * Screenshots go to {@code target/dashboard/}. Skipped where Chromium is not installed ({@code .ci/run} installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "browserInstalled", disabledReason = "no /usr/bin/chromium and /usr/bin/chromedriver: "
        + "apt-get install chromium chromium-driver")
class DashboardPackagedIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADMIN_KEY = "dashboard-admin-key-0123456789";
    private static final Path SHOTS = Path.of("target/dashboard");
    private static final String SECRET = "a-relay-secret-for-the-dashboard-test-01";
    /** A model name a node that joined by token could list: shown as text, never run. */
    private static final String HOSTILE = "<img src=x onerror=window.pwned=1>";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static final List<SimulatedOllama> NODES = new ArrayList<>();
    private static Process gateway;
    private static Process agent;
    private static String base;
    private static ChromeDriver browser;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        StringBuilder endpoints = new StringBuilder();
        for (String[] node : new String[][]{{"gpu-a", "llama3.2:latest,qwen3:8b"}, {"gpu-b",
                "llama3.2:latest,all-minilm:latest"}, {"laptop", "llama3.2:latest,phi3:mini"}}) {
            SimulatedOllama sim = SimulatedOllama.start(vertx, SimSettings.named(node[0])
                    .withModels(List.of(node[1].split(","))).withTokens(24, Duration.ofMillis(20))
                    .withLoadDelay(Duration.ofMillis(800)).withParallel(2));
            NODES.add(sim);
            if (node[0].equals("laptop")) {
                // models.required asks for gemma3 there; its pulls crawl and break halfway, so the sync keeps at it.
                sim.faults().slowPull(Duration.ofSeconds(4)).failPullAt(50);
            }
            endpoints.append("      - {name: ").append(node[0]).append(", url: \"").append(sim.url())
                    .append("\", check_interval: 1s}\n");
        }
        int port = PackagedDrover.freePort();
        base = "http://127.0.0.1:" + port;
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\ndiscovery:\n  static:\n    endpoints:\n" + endpoints
                + "  relay:\n    enabled: true\n    secret: " + SECRET + "\nsecurity:\n  admin_keys: [{name: ops, key: "
                + ADMIN_KEY + "}]\ndatabase:\n  path: " + dir.resolve("data") + "\n"
                + "models:\n  required:\n    - {model: gemma3, nodes: [laptop]}\n    - {model: llama3.2}\n");
        PackagedDrover drover = new PackagedDrover(dir);
        gateway = drover.background(Map.of(), "serve", "--config", config.toString());
        PackagedDrover.awaitBody(base + "/api/generate",
                "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}");
        // A fourth node behind NAT: it dials in through the relay, and its Ollama lists a hostile model name.
        SimulatedOllama edge = SimulatedOllama.start(vertx, SimSettings.named("edge")
                .withModels(List.of("llama3.2:latest", HOSTILE)));
        NODES.add(edge);
        String token = drover.run(Map.of(), "token", "create", "--config", config.toString(), "--ttl", "1h")
                .stdout().get(0).strip();
        agent = drover.background(Map.of("DROVER_AGENT_TOKEN", token), "agent", "--gateway",
                "ws://127.0.0.1:" + port, "--ollama", edge.url(), "--name", "edge");
        Files.createDirectories(SHOTS);
        browser = chromium();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (agent != null) {
            agent.destroyForcibly();
            agent.waitFor();
        }
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
            gateway.waitFor();
        }
        NODES.forEach(SimulatedOllama::close);
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheFleetLiveAndLetOnlyAnAdminKeyAct() throws Exception {
        // Given: the dashboard open at 1280x800
        open(new Dimension(1280, 800), "/dashboard");
        await(Duration.ofSeconds(5), () -> text("#link").equals("live"));
        assertThat(text("#role")).isEqualTo("read-only");
        assertThat(browser.findElements(By.cssSelector("article.node")).stream()
                .map(e -> e.getAttribute("data-node")).toList())
                .containsExactlyInAnyOrder("gpu-a", "gpu-b", "laptop", "edge");
        // The relay node shows as such, and the name its Ollama gave a model is text on the page, never markup.
        await(Duration.ofSeconds(5), () -> text("article[data-node='edge'] .top").contains("relay"));
        await(Duration.ofSeconds(5), () -> browser.findElements(By.cssSelector("article[data-node='edge'] tr"))
                .stream().anyMatch(row -> row.getText().contains(HOSTILE)));
        assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
        // The model sync: llama3.2 present on every node; gemma3 on the laptop pulling, or waiting to retry with the
        // node's own error.
        await(Duration.ofSeconds(5), () -> browser.findElements(By.cssSelector("#sync tr[data-model='llama3.2:latest']"
                + "[data-state='present']")).size() == 4);
        await(Duration.ofSeconds(10), () -> browser.findElements(By.cssSelector("#sync tr[data-node='laptop']"
                + "[data-model='gemma3:latest']")).stream().anyMatch(row -> row.getText().matches(
                        "(?s).*(running \\d+%|retrying .*interrupted at 50%.*next try).*")));
        assertThat(browser.findElements(By.cssSelector("article img"))).isEmpty();
        long weight = transferredBytes();
        System.out.printf("dashboard: page weight %d bytes transferred%n", weight);
        assertThat(weight).as("bytes transferred for the page").isPositive().isLessThan(200_000);

        // When: a model is loaded on the laptop through the gateway
        HttpResponse<java.io.InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"phi3:mini\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        answer.body().read();
        long loaded = System.nanoTime();

        // Then: the page shows it loaded there within 2 s of the load's end (the answer's first byte)
        By phi3 = By.cssSelector("article[data-node='laptop'] tr.is-loaded[data-model='phi3:mini']");
        await(Duration.ofSeconds(2), () -> !browser.findElements(phi3).isEmpty());
        System.out.printf("dashboard: phi3:mini shown loaded %d ms after the first byte%n",
                (System.nanoTime() - loaded) / 1_000_000);
        answer.body().readAllBytes();

        // And: a model asked to stay loaded for good (keep_alive -1) says so, not a countdown of centuries
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/generate")).POST(HttpRequest.BodyPublishers
                .ofString("{\"model\":\"qwen3:8b\",\"prompt\":\"hi\",\"stream\":false,\"keep_alive\":-1}")).build(),
                HttpResponse.BodyHandlers.discarding());
        await(Duration.ofSeconds(3), () -> browser.findElements(By.cssSelector("article[data-node='gpu-a']"
                + " tr[data-model='qwen3:8b']")).stream().anyMatch(row -> row.getText().contains("kept loaded")));
        assertThat(severe()).as("console errors").isEmpty();
        screenshot("dashboard-1280x800.png");

        // When: gpu-b is drained without a key
        drainButton("gpu-b").click();

        // Then: refused, and gpu-b is not drained
        await(Duration.ofSeconds(5), () -> text("#notice").startsWith("Refused"));
        assertThat(text("#notice")).contains("admin key");
        assertThat(drained("gpu-b")).isFalse();
        assertThat(severe()).as("the refusal is the only console error").singleElement().asString()
                .contains("/admin/endpoints/gpu-b/drain", "401");

        // When: the admin key is given, and gpu-b drained again
        browser.findElement(By.id("key-button")).click();
        browser.findElement(By.id("key")).sendKeys(ADMIN_KEY);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        await(Duration.ofSeconds(5), () -> text("#role").equals("admin"));
        drainButton("gpu-b").click();

        // Then: the gateway drained it and the page shows it drained; the key is in the tab's storage, not the address
        await(Duration.ofSeconds(5), this::gpuBDrainedOnGateway);
        await(Duration.ofSeconds(3), () -> !browser.findElements(By.cssSelector("article.node.drained[data-node="
                + "'gpu-b']")).isEmpty());
        assertThat(browser.getCurrentUrl()).doesNotContain(ADMIN_KEY);
        assertThat(browser.executeScript("return sessionStorage.getItem('drover.key')")).isEqualTo(ADMIN_KEY);
        screenshot("dashboard-drained.png");
    }

    @Test
    @Order(2)
    void shouldFitAPhoneWidthScreen() throws Exception {
        // Given / When: the dashboard at a phone's width
        open(new Dimension(390, 844), "/dashboard/");

        // Then: nothing is wider than the screen
        Number scrollWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number width = (Number) browser.executeScript("return window.innerWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(width.intValue());
        assertThat(severe()).as("console errors").isEmpty();
        screenshot("dashboard-phone.png");
    }

    @Test
    @Order(3)
    void shouldNotHoldUpAShutdownWhilePagesAndRelayLinksAreOpen() throws Exception {
        // Given: the page open and live, and the edge node's agent connected through the relay
        browser.get(base + "/dashboard/");
        await(Duration.ofSeconds(10), () -> text("#link").equals("live"));

        // When: the gateway is told to stop
        long stopping = System.nanoTime();
        PackagedDrover.stop(gateway);
        long millis = (System.nanoTime() - stopping) / 1_000_000;

        // Then: it exits at once (nothing is in flight), and the page says it lost the feed. An open feed held the
        // shutdown for quarkus.shutdown.timeout (30 s), and so did any relay link that had ever been made.
        assertThat(millis).as("ms from SIGTERM to exit").isLessThan(5_000);
        await(Duration.ofSeconds(5), () -> !text("#link").equals("live"));
    }

    /** The dashboard at {@code size}, once it shows the four nodes. */
    private static void open(Dimension size, String path) {
        browser.manage().window().setSize(size);
        browser.get(base + path);
        await(Duration.ofSeconds(15), () -> browser.findElements(By.cssSelector("article.node")).size() == 4);
    }

    private boolean gpuBDrainedOnGateway() {
        try {
            return drained("gpu-b");
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean drained(String node) throws Exception {
        JsonObject status = new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/internal/status"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        return status.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(node)).findFirst().orElseThrow().getBoolean("drained");
    }

    private static WebElement drainButton(String node) {
        return browser.findElement(By.cssSelector("article[data-node='" + node + "'] button[data-node]"));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** Bytes the page's own files took on the wire (the live feed is a stream, counted apart). */
    private static long transferredBytes() {
        Object total = ((JavascriptExecutor) browser).executeScript("""
                const entries = [...performance.getEntriesByType('navigation'),
                    ...performance.getEntriesByType('resource')].filter(e => !e.name.includes('/internal/'));
                return entries.reduce((sum, e) => sum + e.transferSize, 0);""");
        return ((Number) total).longValue();
    }

    private static List<String> severe() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Waits for {@code condition}; the page redraws its rows every second, so a row read as it is replaced is read again. */
    private static void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
