package twisted.testing.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Brings Twisted into a test slice ({@code @WebFluxTest}, {@code @DataR2dbcTest}, a plain
 * {@code @SpringBootTest(classes = ...)}...): a started reactor, and the services enabled in
 * properties ({@code twisted.services.<name>.*}), started, with each bound port published as
 * {@code local.twisted.<name>.port}. The auto-configurations it imports are listed in
 * {@code META-INF/spring/twisted.testing.autoconfigure.AutoConfigureTwisted.imports}.
 *
 * <pre>{@code
 * @SpringBootTest(classes = MyServices.class, properties = {
 *         "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0" })
 * @AutoConfigureTwisted
 * class EchoServiceTests {
 *
 *     @Value("${local.twisted.echo.port}")
 *     int port;
 * }
 * }</pre>
 *
 * <p>{@code @WebFluxTest} needs no annotation for the reactor: its slice imports the reactor's
 * auto-configuration already.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureTwisted {

}
