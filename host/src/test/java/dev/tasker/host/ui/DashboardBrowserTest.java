package dev.tasker.host.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.dlq.StalenessThresholds;
import dev.tasker.core.json.Json;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import dev.tasker.host.server.TaskerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromedriver, which {@code ./tasker test} installs),
 * against a real server with Python handlers, API keys and PostgreSQL: what an operator watching a workflow sees and
 * does. Screenshots land in {@code target/dashboard-screenshots}.
 */
class DashboardBrowserTest {

    private static final String KEY = "dashboard-test-key";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path handlers;
    private static TaskerServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        handlers = Files.createTempDirectory("dashboard-handlers");
        Files.createDirectories(handlers.resolve("prices"));
        Files.writeString(handlers.resolve("prices/standard.txt"), "12");
        Files.writeString(handlers.resolve("shop.py"), """
                import os
                import time
                from tasker_core import StepHandler, PermanentError

                HERE = os.path.dirname(__file__)


                def pause(context):
                    time.sleep((context.get_input("pause_ms") or 0) / 1000)


                class Receive(StepHandler):
                    def call(self, context):
                        pause(context)
                        return self.success({"items": context.get_input("items")})


                class Price(StepHandler):
                    def call(self, context):
                        pause(context)
                        path = os.path.join(HERE, "prices", (context.get_input("price_list") or "standard") + ".txt")
                        if not os.path.isfile(path):
                            raise PermanentError("no price list at " + path)
                        with open(path) as f:
                            each = int(f.read())
                        return self.success({"total": context.get_dependency_result("receive")["items"] * each})


                class Pack(StepHandler):
                    def call(self, context):
                        pause(context)
                        return self.success({"boxes": (context.get_input("items") + 3) // 4})


                class Ship(StepHandler):
                    def call(self, context):
                        return self.success({"total": context.get_dependency_result("price")["total"],
                                             "boxes": context.get_dependency_result("pack")["boxes"]})
                """);
        Files.writeString(handlers.resolve("order.yaml"), """
                name: order
                namespace_name: shop
                version: 1.0.0
                description: receive an order, price and pack it side by side, ship it
                steps:
                  - { name: receive, handler: { callable: Receive } }
                  - { name: price, handler: { callable: Price }, dependencies: [receive], retry: { max_attempts: 1 } }
                  - { name: pack, handler: { callable: Pack }, dependencies: [receive] }
                  - { name: ship, handler: { callable: Ship }, dependencies: [price, pack] }
                """);
        Files.writeString(handlers.resolve("broken.py"), "class Broken(:\n");
        server = TaskerServer.start(new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                new GuestSettings(1, 1, 1, handlers.resolve(".ts-cache")), "test",
                TaskerConfig.ApiConfig.DEFAULT.withKeys(List.of(KEY)), TaskerConfig.EventsConfig.NONE,
                new TaskerConfig.DlqConfig(Duration.ofSeconds(1), StalenessThresholds.DEFAULT)));
        browser = Chromium.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = consoleErrors();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    @Test
    void withoutItsKeyThePageAsksForOneAndShowsTheTasksOnceGiven() throws Exception {
        String task = create("{\"items\": 4}");
        browser.get(url("/ui/tasks"));
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        browser.navigate().refresh();

        WebElement prompt = waitFor(By.cssSelector("form.key-prompt"));
        assertThat(prompt.getText()).contains("This server needs an API key");
        assertThat(browser.findElements(By.cssSelector("tr[data-task]"))).isEmpty();
        consoleErrors(); // the 401s that made the page ask

        prompt.findElement(By.name("api-key")).sendKeys(KEY);
        prompt.findElement(By.cssSelector("button[type=submit]")).click();

        waitFor(By.cssSelector("tr[data-task='" + task + "']"));
        assertThat(browser.findElements(By.cssSelector("form.key-prompt"))).isEmpty();
    }

    @Test
    void aTaskCreatedThroughTheApiAppearsAndItsGraphTurnsCompleteLive() throws Exception {
        signIn();
        browser.get(url("/ui/tasks?namespace=shop"));
        waitFor(By.cssSelector(".state-counts"));
        String task = create("{\"items\": 9, \"pause_ms\": 1500}");

        WebElement row = waitFor(By.cssSelector("tr[data-task='" + task + "']"));
        assertThat(row.getText()).contains("order", "shop");
        row.findElement(By.linkText("order")).click();

        waitFor(By.cssSelector("g.node[data-step='ship']"));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/tasks/" + task);
        assertThat(browser.findElements(By.cssSelector("g.node")))
                .extracting(n -> n.getAttribute("data-step")).containsExactlyInAnyOrder("receive", "price", "pack", "ship");
        assertThat(stepState("ship")).as("the last step, while the task runs").isNotEqualTo("complete");
        ((JavascriptExecutor) browser).executeScript("window.__notReloaded = true");
        screenshot("dashboard-running.png");

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "complete".equals(stepState("ship")));
        assertThat(List.of("receive", "price", "pack", "ship")).allMatch(s -> "complete".equals(stepState(s)));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "complete"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded")).as("updated in place").isEqualTo(true);

        browser.findElement(By.cssSelector("g.node[data-step='ship']")).click();
        WebElement panel = waitFor(By.cssSelector("[data-step-panel='ship']"));
        assertThat(panel.getText()).contains("\"total\": 108", "\"boxes\": 3", "in progress → complete");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/tasks/" + task + "?step=ship");
    }

    @Test
    void aFailingStepShowsItsErrorAndCanBeRetriedFromThePageUntilTheTaskCompletes() throws Exception {
        signIn();
        String task = create("{\"items\": 5, \"price_list\": \"winter\"}");
        browser.get(url("/ui/tasks/" + task));

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "error".equals(stepState("price")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "blocked by failures"));
        browser.findElement(By.cssSelector("g.node[data-step='price']")).click();
        WebElement error = waitFor(By.cssSelector("[data-step-panel='price'] .step-error"));
        assertThat(error.getText()).contains("PermanentError: no price list at " + handlers.resolve("prices/winter.txt"), "python", "not retryable");
        assertThat(error.findElement(By.cssSelector(".error-location")).getText()).isEqualTo(handlers.resolve("shop.py") + ":23");
        screenshot("dashboard-failed-step.png");

        browser.findElement(By.linkText("Dead letters")).click();
        WebElement entry = waitFor(By.cssSelector("tr[data-dlq-task='" + task + "']"));
        assertThat(entry.getText()).contains("blocked_by_failures", "Pending");
        entry.findElement(By.tagName("a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "error".equals(stepState("price")));
        browser.findElement(By.cssSelector("g.node[data-step='price']")).click();
        waitFor(By.cssSelector("[data-step-panel='price'] .step-error"));

        Files.writeString(handlers.resolve("prices/winter.txt"), "20");
        browser.findElement(By.cssSelector("button[data-action='reset_for_retry']")).click();
        WebElement dialog = waitFor(By.cssSelector("dialog.confirm[open]"));
        assertThat(dialog.getText()).contains("Retry price?");
        dialog.findElement(By.name("reason")).sendKeys("winter prices loaded");
        dialog.findElement(By.cssSelector("button[data-confirm]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "complete"));
        assertThat(List.of("receive", "price", "pack", "ship")).allMatch(s -> "complete".equals(stepState(s)));
        WebElement panel = waitFor(By.cssSelector("[data-step-panel='price']"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> panel.getText().contains("reset_for_retry: winter prices loaded"));
        JsonNode shipped = get("/v1/tasks/" + task).get("steps");
        JsonNode ship = null;
        for (JsonNode step : shipped) {
            if (step.get("name").asText().equals("ship")) {
                ship = step;
            }
        }
        assertThat(ship).isNotNull();
        assertThat(ship.get("result").get("total").asInt()).isEqualTo(100);
    }

    @Test
    void theListPagesThroughTasksAndFiltersThemByState() throws Exception {
        signIn();
        for (int i = 0; i < 21; i++) {
            create("{\"items\": " + (100 + i) + "}");
        }
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            JsonNode counts = unchecked(() -> get("/v1/tasks?namespace=shop&name=order").get("state_counts"));
            return !counts.has("pending") && !counts.has("steps_in_process");
        });
        int completed = get("/v1/tasks?namespace=shop&name=order").get("state_counts").get("complete").asInt();
        browser.get(url("/ui/tasks?namespace=shop&name=order"));
        WebElement pager = waitFor(By.cssSelector(".pager"));
        assertThat(pager.getText()).contains("page 1 of");
        List<String> first = taskRows();
        assertThat(first).hasSize(20);

        pager.findElement(By.xpath(".//button[contains(., 'Older')]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("page=2"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !taskRows().isEmpty() && !first.contains(taskRows().getFirst()));

        WebElement complete = waitFor(By.cssSelector("a[data-count-state='complete']"));
        int completeCount = Integer.parseInt(complete.findElement(By.tagName("b")).getText());
        complete.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("status=complete"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> browser.findElements(By.cssSelector("tr[data-task] .badge"))
                .stream().allMatch(b -> b.getText().equals("complete")));
        assertThat(completeCount).isEqualTo(completed).isGreaterThanOrEqualTo(21);
    }

    private static <T> T unchecked(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> taskRows() {
        return browser.findElements(By.cssSelector("tr[data-task]")).stream().map(r -> r.getAttribute("data-task")).toList();
    }

    @Test
    void aRunningTaskIsCancelledFromThePageAfterAConfirmation() throws Exception {
        signIn();
        String task = create("{\"items\": 3, \"pause_ms\": 4000}");
        browser.get(url("/ui/tasks/" + task));
        waitFor(By.cssSelector("g.node[data-step='receive']"));

        browser.findElement(By.xpath("//button[text()='Cancel task']")).click();
        WebElement dialog = waitFor(By.cssSelector("dialog.confirm[open]"));
        dialog.findElement(By.xpath(".//button[text()='Cancel']")).click();
        assertThat(browser.findElements(By.cssSelector("dialog.confirm[open]"))).as("dismissed, nothing done").isEmpty();
        assertThat(get("/v1/tasks/" + task).get("status").asText()).isNotEqualTo("cancelled");

        browser.findElement(By.xpath("//button[text()='Cancel task']")).click();
        waitFor(By.cssSelector("dialog.confirm[open]")).findElement(By.cssSelector("button[data-confirm]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "cancelled"));
        assertThat(get("/v1/tasks/" + task).get("status").asText()).isEqualTo("cancelled");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "cancelled".equals(stepState("ship")));
        assertThat(browser.findElements(By.xpath("//button[text()='Cancel task']"))).isEmpty();
    }

    @Test
    void templatesShowTheirGraphAndHandlersTheirLoadProblems() throws Exception {
        signIn();
        browser.get(url("/ui/templates"));
        waitFor(By.linkText("order")).click();
        WebElement detail = waitFor(By.cssSelector("[data-template='shop/order/1.0.0']"));
        assertThat(detail.findElements(By.cssSelector("g.node"))).extracting(n -> n.getAttribute("data-step"))
                .containsExactlyInAnyOrder("receive", "price", "pack", "ship");
        assertThat(detail.getText()).contains("Receive", "Price", "Pack", "Ship");

        browser.findElement(By.linkText("Handlers")).click();
        WebElement problems = waitFor(By.cssSelector(".problems .problem-list"));
        assertThat(problems.getText()).contains(handlers.resolve("broken.py").toString());
        waitFor(By.cssSelector("[data-language='python']")).click();
        assertThat(browser.findElements(By.cssSelector("tr[data-handler]"))).extracting(WebElement::getText)
                .anyMatch(row -> row.startsWith("Receive python")).anyMatch(row -> row.startsWith("Ship python"));
    }

    @Test
    void onAPhoneTheTaskPageFitsTheScreen() throws Exception {
        signIn();
        String task = create("{\"items\": 2}");
        Dimension laptop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(url("/ui/tasks/" + task + "?step=price"));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "complete"));
            waitFor(By.cssSelector("[data-step-panel='price']"));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("pixels wider than the screen").isLessThanOrEqualTo(0);
            screenshot("dashboard-phone.png");
        } finally {
            browser.manage().window().setSize(laptop);
        }
    }

    private static String stepState(String step) {
        List<WebElement> nodes = browser.findElements(By.cssSelector("g.node[data-step='" + step + "']"));
        return nodes.isEmpty() ? null : nodes.getFirst().getAttribute("data-state");
    }

    /** Keeps the key in the page's storage, as the key prompt does; on a page of the origin that asks the API nothing. */
    private static void signIn() {
        browser.get(url("/health/live"));
        ((JavascriptExecutor) browser).executeScript("localStorage.setItem('tasker.apiKey', arguments[0])", KEY);
    }

    private static WebElement waitFor(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String create(String context) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/tasks")))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\": \"shop\", \"name\": \"order\", \"context\": "
                        + context + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.read(created.body()).get("task_uuid").asText();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body());
    }

    /** Debian's chromium and chromedriver (or TASKER_CHROMIUM / TASKER_CHROMEDRIVER), never a downloaded browser. */
    static final class Chromium {

        static WebDriver start() {
            Path binary = Path.of(System.getenv().getOrDefault("TASKER_CHROMIUM", "/usr/bin/chromium"));
            Path driver = Path.of(System.getenv().getOrDefault("TASKER_CHROMEDRIVER", "/usr/bin/chromedriver"));
            if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
                throw new IllegalStateException("The dashboard's browser tests need Chromium and its driver at " + binary + " and "
                        + driver + ": install them (apt-get install chromium chromium-driver; ./tasker test does when it can) "
                        + "or point TASKER_CHROMIUM and TASKER_CHROMEDRIVER at them.");
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--hide-scrollbars");
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
            return new ChromeDriver(service, options);
        }
    }
}
