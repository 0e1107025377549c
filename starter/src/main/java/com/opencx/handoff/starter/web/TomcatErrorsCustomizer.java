package com.opencx.handoff.starter.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link JsonErrorReportValve} on the embedded Tomcat's Host in place of the stock HTML one.
 * It has to be the Host's: requests Tomcat refuses while parsing never reach the web application,
 * so neither Spring nor the application's error pages see them.
 */
@Component
public class TomcatErrorsCustomizer
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
          }
        });
  }
}
