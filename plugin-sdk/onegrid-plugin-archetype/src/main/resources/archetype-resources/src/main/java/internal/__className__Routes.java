package ${package}.internal;

import io.onegrid.api.security.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The inbox: an older system drops CSV files ({@code category,addressCode,description} per line, UTF-8) into a
 * folder; each line becomes a report. A file is moved to {@code .done} once read; a line that is refused is logged and
 * counted, and the other lines still count. Lines are keyed by file name and line number, so a file dropped twice
 * creates no second order.
 */
final class ${className}Routes extends RouteBuilder {

    static final String ROUTE_ID = "${pluginId}-inbox";

    private final ${className}Service service;
    private final String inbox;
    private final Caller caller;

    ${className}Routes(${className}Service service, String inbox, Caller caller) {
        this.service = service;
        this.inbox = inbox;
        this.caller = caller;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "${pluginId}: refused ${header.CamelFileName} line ${exchangeProperty.CamelSplitIndex}: ${exception.message}");

        from("file:" + inbox + "?include=.*\\.csv&move=.done&moveFailed=.failed&readLock=changed&readLockMinAge=200")
                .routeId(ROUTE_ID)
                .convertBodyTo(String.class, "UTF-8")
                .split(body().tokenize("\n")).streaming()
                    .filter(exchange -> isReport(exchange.getIn().getBody(String.class)))
                    .process(this::submit)
                .end();
    }

    /** Blank lines and lines starting with {@code #} (comments, a header) are skipped. */
    static boolean isReport(String line) {
        String s = line == null ? "" : line.strip();
        return !s.isEmpty() && !s.startsWith("#");
    }

    private void submit(Exchange exchange) {
        String line = exchange.getIn().getBody(String.class).strip();
        String source = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class) + ":"
                + (exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class) + 1);
        service.submit(caller, Report.parseLine(line, source));
    }
}
