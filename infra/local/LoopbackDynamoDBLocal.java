/*
 * DynamoDB Local for Woodpecker's local runtime, listening on 127.0.0.1 only.
 *
 * DynamoDBLocal.jar has no option for the address it listens on: its Jetty server
 * takes a port and binds every interface, and DynamoDB Local checks no credentials, so
 * anyone on the network could read and change the data. This launcher builds the
 * server exactly as the jar's own main does (same command-line options), then, before
 * starting it, binds its connector to 127.0.0.1 and refuses requests whose Host is
 * not 127.0.0.1 or localhost (421), so a web page cannot reach it by DNS rebinding.
 * It does not set up the jar's telemetry (the runtime also passes -disableTelemetry).
 *
 * infra/local/dynamodb-local.ts compiles it once with the JDK compiler module of the
 * machine's Java and runs it with DynamoDBLocal.jar on the class path. If a future
 * DynamoDB Local changes what this relies on, it fails to start instead of listening
 * on every interface.
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDBLocal {
  static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("Unexpected DynamoDB Local connector " + connector);
      }
      ((ServerConnector) connector).setHost(HOST);
    }
    server.setHandler(new LoopbackHostOnly(server.getHandler()));
    proxy.start();
    for (Connector connector : connectors) {
      ServerConnector c = (ServerConnector) connector;
      if (!HOST.equals(c.getHost())) throw new IllegalStateException("Not bound to " + HOST);
      System.out.println("Woodpecker: DynamoDB Local listens on " + c.getHost() + ":" + c.getLocalPort());
    }
  }

  /** Answers 421 to a request whose Host names anything but this machine's loopback. */
  static final class LoopbackHostOnly extends Handler.Wrapper {
    LoopbackHostOnly(Handler handler) {
      super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String host = Request.getServerName(request);
      if (!HOST.equals(host) && !"localhost".equalsIgnoreCase(host)) {
        Response.writeError(request, response, callback, 421, "Misdirected request: DynamoDB Local answers only to 127.0.0.1");
        return true;
      }
      return super.handle(request, response, callback);
    }
  }
}
