package twisted;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's architecture, checked over its compiled classes: no package cycles, and
 * dependencies pointing one way only,
 * {@code time <- defer <- internet <- protocols <- cred, cluster, web, enterprise, words, mail, conch <- application}
 * (with each protocol's {@code tap} package, its service maker),
 * with Spring Boot only in the wiring packages ({@code *.autoconfigure}, {@code *.actuate},
 * {@code application.context}) and Netty only behind the reactor's contracts. A change that brings
 * a cycle or a layer break back fails here, naming the classes.
 */
class ArchitectureTests {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("twisted");

    /** The Spring wiring packages, above every concept package. */
    private static final String[] WIRING = { "twisted..autoconfigure..", "twisted..actuate..",
            "twisted.application.context.." };

    /** The service makers of the protocol packages, in the application layer. */
    private static final String TAP = "twisted..tap..";

    private static final String[] PROTOCOL_PACKAGES = { "twisted.cred..", "twisted.cluster..", "twisted.web..",
            "twisted.enterprise..", "twisted.words..", "twisted.mail..", "twisted.conch.." };

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("twisted.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void timeDependsOnNothingElseOfTheLibrary() {
        onlyWithin("twisted.time..", "twisted.time..").check(LIBRARY);
    }

    @Test
    void deferDependsOnlyOnTime() {
        onlyWithin("twisted.defer..", "twisted.defer..", "twisted.time..").check(LIBRARY);
    }

    @Test
    void internetDependsOnlyOnDeferAndTime() {
        concept("twisted.internet..").dependOnClassesThat().resideInAnyPackage(above("twisted.protocols.."))
                .check(LIBRARY);
    }

    @Test
    void protocolsDependOnlyOnTheReactor() {
        concept("twisted.protocols..").dependOnClassesThat().resideInAnyPackage(above(PROTOCOL_PACKAGES))
                .check(LIBRARY);
    }

    /**
     * A protocol's {@code tap} package (Twisted's {@code twisted/words/tap.py}: the
     * {@code ServiceMaker} behind {@code twistd words}) belongs to the application layer: it may
     * build services, the protocol package beside it may not.
     */
    @Test
    void protocolPackagesSitBelowTheApplication() {
        noClasses().that().resideInAnyPackage(PROTOCOL_PACKAGES).and().resideOutsideOfPackages(WIRING)
                .and().resideOutsideOfPackage(TAP).should().dependOnClassesThat()
                .resideInAnyPackage(above("twisted.application..", "twisted.testing..", TAP)).check(LIBRARY);
    }

    @Test
    void conceptPackagesNeverUseSpringBoot() {
        concept("twisted..").dependOnClassesThat().resideInAnyPackage(above("org.springframework.boot.."))
                .check(LIBRARY);
    }

    @Test
    void monitoringReadsTheReactorThroughItsContract() {
        noClasses().that().resideInAPackage("twisted..actuate..").should().dependOnClassesThat()
                .resideInAPackage("twisted.internet.netty..").check(LIBRARY);
    }

    @Test
    void nettyStaysBehindTheReactorAndTheHttpClient() {
        noClasses().that().resideOutsideOfPackages("twisted.internet.netty..", "twisted.web.client..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..").check(LIBRARY);
    }

    @Test
    void noPublicSignatureShowsANettyType() {
        classes().that().arePublic().should(notShowNettyInTheirApi()).check(LIBRARY);
    }

    /** Classes of a concept package (never a wiring one). */
    private static com.tngtech.archunit.lang.syntax.elements.ClassesShould concept(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).and().resideOutsideOfPackages(WIRING).should();
    }

    /** The packages above a layer: the given ones plus every wiring package. */
    private static String[] above(String... packages) {
        String[] all = new String[packages.length + WIRING.length];
        System.arraycopy(packages, 0, all, 0, packages.length);
        System.arraycopy(WIRING, 0, all, packages.length, WIRING.length);
        return all;
    }

    private static ArchRule onlyWithin(String layer, String... allowed) {
        return noClasses().that().resideInAPackage(layer).should().dependOnClassesThat(
                DescribedPredicate.describe("are in the library outside " + String.join(", ", allowed),
                        (JavaClass target) -> target.getPackageName().startsWith("twisted.")
                                && !target.getPackageName().startsWith("twisted.bench")
                                && !resideIn(target, allowed)));
    }

    private static boolean resideIn(JavaClass target, String... packages) {
        for (String pattern : packages) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            if (target.getPackageName().equals(prefix) || target.getPackageName().startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    private static ArchCondition<JavaClass> notShowNettyInTheirApi() {
        return new ArchCondition<>("show no Netty type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaCodeUnit unit : type.getCodeUnits()) {
                    if (isApi(unit.getModifiers())) {
                        unit.getRawParameterTypes().forEach(parameter -> report(unit, parameter, events));
                        report(unit, unit.getRawReturnType(), events);
                    }
                }
                for (JavaField field : type.getFields()) {
                    if (isApi(field.getModifiers())) {
                        report(field, field.getRawType(), events);
                    }
                }
            }
        };
    }

    private static boolean isApi(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void report(JavaMember member, JavaClass type, ConditionEvents events) {
        if (type.getPackageName().startsWith("io.netty")) {
            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " shows " + type.getName()));
        }
    }
}
