package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request to Spring PetClinic as a sampler sees it: a Tomcat thread 90+ frames deep through the filter chain,
 * Spring MVC, an AOP proxy, Spring Data and Hibernate down to H2, and Thymeleaf rendering the view, with only a
 * few of the application's own frames in between.
 */
final class PetClinicProfile {
    static final String APP = "org.springframework.samples.petclinic";
    static final Frame CONTROLLER = f(APP + ".owner.OwnerController", "processFindForm", "OwnerController.java", 91);
    static final Frame CONTROLLER_VIEW = f(APP + ".owner.OwnerController", "processFindForm", "OwnerController.java", 104);
    static final Frame GET_PETS = f(APP + ".owner.Owner", "getPets", "Owner.java", 83);

    private PetClinicProfile() {}

    static Frame f(String cls, String method, String file, int line) {
        return new Frame(cls, method, file, line);
    }

    /** Bottom first: the container from Thread.run to DispatcherServlet.doDispatch, 60+ frames. */
    static List<Frame> container() {
        List<Frame> s = new ArrayList<>();
        s.add(f("java.lang.Thread", "run", "Thread.java", 1583));
        s.add(f("org.apache.tomcat.util.threads.TaskThread$WrappingRunnable", "run", "TaskThread.java", 61));
        s.add(f("org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java", 659));
        s.add(f("org.apache.tomcat.util.threads.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java", 1190));
        s.add(f("org.apache.tomcat.util.net.SocketProcessorBase", "run", "SocketProcessorBase.java", 52));
        s.add(f("org.apache.tomcat.util.net.NioEndpoint$SocketProcessor", "doRun", "NioEndpoint.java", 1769));
        s.add(f("org.apache.coyote.AbstractProtocol$ConnectionHandler", "process", "AbstractProtocol.java", 903));
        s.add(f("org.apache.coyote.AbstractProcessorLight", "process", "AbstractProcessorLight.java", 63));
        s.add(f("org.apache.coyote.http11.Http11Processor", "service", "Http11Processor.java", 397));
        s.add(f("org.apache.catalina.connector.CoyoteAdapter", "service", "CoyoteAdapter.java", 344));
        s.add(f("org.apache.catalina.core.StandardEngineValve", "invoke", "StandardEngineValve.java", 74));
        s.add(f("org.apache.catalina.valves.ErrorReportValve", "invoke", "ErrorReportValve.java", 82));
        s.add(f("org.apache.catalina.core.StandardHostValve", "invoke", "StandardHostValve.java", 116));
        s.add(f("org.apache.catalina.authenticator.AuthenticatorBase", "invoke", "AuthenticatorBase.java", 483));
        s.add(f("org.apache.catalina.core.StandardContextValve", "invoke", "StandardContextValve.java", 90));
        s.add(f("org.apache.catalina.core.StandardWrapperValve", "invoke", "StandardWrapperValve.java", 164));
        String[] filters = {"org.springframework.web.filter.CharacterEncodingFilter", "org.springframework.web.filter.FormContentFilter",
                "org.springframework.web.filter.RequestContextFilter", "org.springframework.web.filter.ServerHttpObservationFilter",
                "org.springframework.boot.actuate.web.exchanges.servlet.HttpExchangesFilter", "dev.hotline.servlet.HotlineFilter",
                "org.apache.tomcat.websocket.server.WsFilter"};
        for (int i = 0; i < filters.length; i++) {
            s.add(f("org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 140));
            s.add(f("org.apache.catalina.core.ApplicationFilterChain", "internalDoFilter", "ApplicationFilterChain.java", 164));
            String simple = filters[i].substring(filters[i].lastIndexOf('.') + 1);
            if (filters[i].startsWith("org.springframework")) {
                s.add(f("org.springframework.web.filter.OncePerRequestFilter", "doFilter", "OncePerRequestFilter.java", 116));
                s.add(f(filters[i], "doFilterInternal", simple + ".java", 100 + i));
            } else {
                s.add(f(filters[i], "doFilter", simple + ".java", 50 + i));
            }
        }
        s.add(f("org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 140));
        s.add(f("org.apache.catalina.core.ApplicationFilterChain", "internalDoFilter", "ApplicationFilterChain.java", 195));
        s.add(f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 710));
        s.add(f("org.springframework.web.servlet.FrameworkServlet", "service", "FrameworkServlet.java", 874));
        s.add(f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 590));
        s.add(f("org.springframework.web.servlet.FrameworkServlet", "doGet", "FrameworkServlet.java", 903));
        s.add(f("org.springframework.web.servlet.FrameworkServlet", "processRequest", "FrameworkServlet.java", 1014));
        s.add(f("org.springframework.web.servlet.DispatcherServlet", "doService", "DispatcherServlet.java", 836));
        return s;
    }

    /** Bottom first: from doDispatch to the controller method (reflection and handler adapters). */
    static List<Frame> toController() {
        List<Frame> s = new ArrayList<>();
        s.add(f("org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java", 1090));
        s.add(f("org.springframework.web.servlet.mvc.method.AbstractHandlerMethodAdapter", "handle", "AbstractHandlerMethodAdapter.java", 87));
        s.add(f("org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter", "handleInternal", "RequestMappingHandlerAdapter.java", 801));
        s.add(f("org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter", "invokeHandlerMethod", "RequestMappingHandlerAdapter.java", 904));
        s.add(f("org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod", "invokeAndHandle", "ServletInvocableHandlerMethod.java", 118));
        s.add(f("org.springframework.web.method.support.InvocableHandlerMethod", "invokeForRequest", "InvocableHandlerMethod.java", 191));
        s.add(f("org.springframework.web.method.support.InvocableHandlerMethod", "doInvoke", "InvocableHandlerMethod.java", 255));
        s.add(f("java.lang.reflect.Method", "invoke", "Method.java", 580));
        s.add(f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", "DirectMethodHandleAccessor.java", 103));
        return s;
    }

    /** Bottom first: from the repository proxy through Spring Data and Hibernate to H2, 30+ frames. */
    static List<Frame> repository() {
        List<Frame> s = new ArrayList<>();
        s.add(f("jdk.proxy2.$Proxy134", "findByLastNameStartingWith", null, -1));
        s.add(f("org.springframework.aop.framework.JdkDynamicAopProxy", "invoke", "JdkDynamicAopProxy.java", 223));
        for (int i = 0; i < 4; i++) {
            s.add(f("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed", "ReflectiveMethodInvocation.java", 184));
            s.add(f(i % 2 == 0 ? "org.springframework.transaction.interceptor.TransactionInterceptor"
                    : "org.springframework.data.repository.core.support.QueryExecutorMethodInterceptor", "invoke",
                    i % 2 == 0 ? "TransactionInterceptor.java" : "QueryExecutorMethodInterceptor.java", 119 + i));
        }
        s.add(f("org.springframework.data.repository.core.support.RepositoryMethodInvoker", "invoke", "RepositoryMethodInvoker.java", 170));
        s.add(f("org.springframework.data.jpa.repository.query.AbstractJpaQuery", "execute", "AbstractJpaQuery.java", 148));
        s.add(f("org.springframework.data.jpa.repository.query.JpaQueryExecution$PagedExecution", "doExecute", "JpaQueryExecution.java", 213));
        s.add(f("org.hibernate.query.spi.AbstractSelectionQuery", "list", "AbstractSelectionQuery.java", 143));
        s.add(f("org.hibernate.query.sqm.internal.QuerySqmImpl", "doList", "QuerySqmImpl.java", 380));
        s.add(f("org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan", "performList", "ConcreteSqmSelectQueryPlan.java", 393));
        s.add(f("org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl", "list", "JdbcSelectExecutorStandardImpl.java", 97));
        s.add(f("org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl", "executeQuery", "JdbcSelectExecutorStandardImpl.java", 200));
        s.add(f("org.hibernate.sql.results.jdbc.internal.DeferredResultSetAccess", "getResultSet", "DeferredResultSetAccess.java", 171));
        s.add(f("com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "executeQuery", "HikariProxyPreparedStatement.java", -1));
        s.add(f("com.zaxxer.hikari.pool.ProxyPreparedStatement", "executeQuery", "ProxyPreparedStatement.java", 52));
        s.add(f("org.h2.jdbc.JdbcPreparedStatement", "executeQuery", "JdbcPreparedStatement.java", 126));
        s.add(f("org.h2.command.CommandContainer", "query", "CommandContainer.java", 256));
        s.add(f("org.h2.command.query.Select", "queryFlat", "Select.java", 742));
        return s;
    }

    /** Bottom first: view rendering from doDispatch through Thymeleaf and SpEL to the owner's pets. */
    static List<Frame> view() {
        List<Frame> s = new ArrayList<>();
        s.add(f("org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java", 1136));
        s.add(f("org.springframework.web.servlet.DispatcherServlet", "processDispatchResult", "DispatcherServlet.java", 1191));
        s.add(f("org.springframework.web.servlet.DispatcherServlet", "render", "DispatcherServlet.java", 1431));
        s.add(f("org.thymeleaf.spring6.view.ThymeleafView", "render", "ThymeleafView.java", 189));
        s.add(f("org.thymeleaf.TemplateEngine", "process", "TemplateEngine.java", 1098));
        s.add(f("org.thymeleaf.engine.TemplateManager", "parseAndProcess", "TemplateManager.java", 675));
        for (int i = 0; i < 6; i++) {
            s.add(f("org.thymeleaf.engine.ProcessorTemplateHandler", "handleOpenElement", "ProcessorTemplateHandler.java", 1500 + i));
            s.add(f("org.thymeleaf.engine.IterationModelProcessable", "process", "IterationModelProcessable.java", 160 + i));
        }
        s.add(f("org.thymeleaf.standard.expression.VariableExpression", "executeVariableExpression", "VariableExpression.java", 166));
        s.add(f("org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator", "evaluate", "SPELVariableExpressionEvaluator.java", 265));
        s.add(f("org.springframework.expression.spel.standard.SpelExpression", "getValue", "SpelExpression.java", 338));
        s.add(f("org.springframework.expression.spel.ast.PropertyOrFieldReference", "getValueInternal", "PropertyOrFieldReference.java", 96));
        s.add(f("org.springframework.expression.spel.support.ReflectivePropertyAccessor$OptimalPropertyAccessor", "read", "ReflectivePropertyAccessor.java", 676));
        s.add(f("java.lang.reflect.Method", "invoke", "Method.java", 580));
        return s;
    }

    /** The whole request: samples are 1 ms each; appPackages names the application unless {@code appPackages} is null. */
    static Profile build(List<String> appPackages) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-nio-8080-exec-1");
        List<Frame> base = new ArrayList<>(container());
        List<Frame> toController = new ArrayList<>(base);
        toController.addAll(toController());
        // 120 ms in the database, reached from the controller.
        List<Frame> db = new ArrayList<>(toController);
        db.add(CONTROLLER);
        db.addAll(repository());
        add(b, t, 120, db);
        // 20 ms of Hibernate parsing the result, a second leaf of the same run.
        List<Frame> hydrate = new ArrayList<>(db.subList(0, db.size() - 5));
        hydrate.add(f("org.hibernate.sql.results.internal.ResultsHelper", "extractResults", "ResultsHelper.java", 64));
        hydrate.add(f("org.hibernate.sql.results.spi.ListResultsConsumer", "consume", "ListResultsConsumer.java", 199));
        add(b, t, 20, hydrate);
        // 40 ms rendering, 15 of them in the application's getter called through SpEL, 25 in the parser.
        List<Frame> view = new ArrayList<>(base);
        view.addAll(view());
        List<Frame> getter = new ArrayList<>(view);
        getter.add(GET_PETS);
        getter.add(f("java.util.ArrayList", "sort", "ArrayList.java", 1803));
        getter.add(f("java.util.TimSort", "sort", "TimSort.java", 220));
        add(b, t, 15, getter);
        List<Frame> parse = new ArrayList<>(view.subList(0, base.size() + 6));
        parse.add(f("org.thymeleaf.templateparser.markup.AbstractMarkupTemplateParser", "parse", "AbstractMarkupTemplateParser.java", 204));
        parse.add(f("org.attoparser.MarkupParser", "parseDocument", "MarkupParser.java", 301));
        parse.add(f("org.attoparser.MarkupParser", "parseBuffer", "MarkupParser.java", 410));
        add(b, t, 25, parse);
        RequestInfo r = new RequestInfo("GET", "/owners", "lastName=", 200, TestProfiles.START, 206 * TestProfiles.MS, null,
                "/owners");
        Profile p = b.build("petclinic-1", r, "async-profiler", TestProfiles.MS, false);
        return appPackages == null ? p : p.withAppPackages(appPackages);
    }

    private static void add(ProfileBuilder b, int t, int n, List<Frame> bottomFirst) {
        List<Frame> top = new ArrayList<>(bottomFirst);
        Collections.reverse(top);
        Frame[] stack = top.toArray(new Frame[0]);
        for (int i = 0; i < n; i++) b.sample(t, b.sampledNs(), TestProfiles.MS, 1, stack);
    }
}
