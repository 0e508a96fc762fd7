package testsupport;

import static io.restassured.RestAssured.given;

/** Reads one sample from the gateway's Prometheus page, as a scraper would. */
public final class Scrape {

    private Scrape() {
    }

    /** The value of the {@code name} sample whose labels include every {@code label="value"} given; 0 if absent. */
    public static double value(String name, String... labels) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
