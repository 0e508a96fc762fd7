/**
 * What the tests share, written once: the simulated fleet a {@code @QuarkusTest} gateway runs against
 * ({@code SimFleet}), OpenAI-type and HTTPS nodes, gateway client helpers ({@code Gateway}: routable nodes, in flight,
 * waiting), raw HTTP/1.1 on a socket ({@code RawHttp}, including a client that hangs up mid-answer), a neighbour that
 * chats during an attack ({@code Neighbour}) and metric scraping ({@code Scrape}).
 */
package testsupport;
