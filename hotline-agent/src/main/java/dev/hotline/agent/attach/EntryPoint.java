package dev.hotline.agent.attach;

import java.util.List;

/**
 * A servlet container's request entry point: the one method the agent weaves in that container. It is called
 * once per dispatch of a request (the first one, and again for each async dispatch), with the servlet API's
 * request and response among its arguments.
 *
 * @param container     what the attach line names
 * @param className     internal name of the class declaring the method
 * @param method        method name
 * @param descriptor    method descriptor
 * @param requestArg    index of the {@code HttpServletRequest} argument
 * @param responseArg   index of the {@code HttpServletResponse} argument
 * @param requestGetter  {@code null} when the arguments are the request and response themselves; else the public
 *                       no-argument method of the argument's class that returns the request (the argument is the
 *                       container's per-request context, see {@link RequestContexts})
 * @param responseGetter as {@code requestGetter}, for the response
 */
record EntryPoint(String container, String className, String method, String descriptor, int requestArg, int responseArg,
                  String requestGetter, String responseGetter) {

    EntryPoint(String container, String className, String method, String descriptor, int requestArg, int responseArg) {
        this(container, className, method, descriptor, requestArg, responseArg, null, null);
    }

    static final List<EntryPoint> ALL = List.of(
            // Tomcat 8.5 to 11 (javax.servlet and jakarta.servlet): once per container request, error pages included.
            new EntryPoint("Tomcat", "org/apache/catalina/core/StandardHostValve", "invoke",
                    "(Lorg/apache/catalina/connector/Request;Lorg/apache/catalina/connector/Response;)V", 0, 1),
            // Jetty 12 ee10 (jakarta.servlet 6): the initial dispatch and AsyncContext.dispatch both pass here.
            new EntryPoint("Jetty 12 (ee10)", "org/eclipse/jetty/ee10/servlet/ServletHandler$MappedServlet", "handle",
                    "(Lorg/eclipse/jetty/ee10/servlet/ServletHandler;Ljava/lang/String;"
                            + "Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V", 2, 3),
            // Jetty 12 ee11 (jakarta.servlet 6.1): the ee10 code base under its own package.
            new EntryPoint("Jetty 12 (ee11)", "org/eclipse/jetty/ee11/servlet/ServletHandler$MappedServlet", "handle",
                    "(Lorg/eclipse/jetty/ee11/servlet/ServletHandler;Ljava/lang/String;"
                            + "Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V", 2, 3),
            // Jetty 12 ee8 (javax.servlet 4) and ee9 (jakarta.servlet 5): the Jetty 11 design, ServletHandler.doHandle
            // runs once per dispatch (REQUEST, ASYNC, and the FORWARD, INCLUDE, ERROR ones the hooks leave alone).
            new EntryPoint("Jetty 12 (ee8)", "org/eclipse/jetty/ee8/servlet/ServletHandler", "doHandle",
                    "(Ljava/lang/String;Lorg/eclipse/jetty/ee8/nested/Request;"
                            + "Ljavax/servlet/http/HttpServletRequest;Ljavax/servlet/http/HttpServletResponse;)V", 2, 3),
            new EntryPoint("Jetty 12 (ee9)", "org/eclipse/jetty/ee9/servlet/ServletHandler", "doHandle",
                    "(Ljava/lang/String;Lorg/eclipse/jetty/ee9/nested/Request;"
                            + "Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V", 2, 3),
            // Undertow 2.x (javax.servlet on 2.2, jakarta.servlet on 2.3): the REQUEST dispatch and each ASYNC dispatch
            // pass here, on the worker thread; the request and response are those of the ServletRequestContext.
            new EntryPoint("Undertow", "io/undertow/servlet/handlers/ServletInitialHandler", "handleFirstRequest",
                    "(Lio/undertow/server/HttpServerExchange;Lio/undertow/servlet/handlers/ServletRequestContext;)V", 1, 1,
                    "getOriginalRequest", "getOriginalResponse"));

    String displayName() {
        return className.replace('/', '.') + "." + method;
    }
}
